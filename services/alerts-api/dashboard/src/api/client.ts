import { apiErrorFrom, ApiError } from './api-error.js';
import type {
  AlertDetail,
  AlertPage,
  AlertSummary,
  LoginAnswer,
  Resolution,
  Stats,
} from './types.js';
import { filterQuery, type AlertFilter } from '../state/alert-filter.js';

export interface ApiClientOptions {
  /** The current bearer token, or null when logged out. */
  getToken: () => string | null;
  /** Called on any 401: the token expired or was revoked. */
  onUnauthorized: () => void;
  baseUrl?: string;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Typed calls to alerts-api; every failure is an ApiError carrying the server's code. */
export function createApiClient(options: ApiClientOptions) {
  const base = options.baseUrl ?? '';

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'alerts-api cannot be reached');
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      if (response.status === 401 && token) options.onUnauthorized();
      throw apiErrorFrom(response.status, parsed);
    }
    return parsed as T;
  }

  const decide = (id: string, action: string, body: unknown = {}) =>
    call<AlertSummary>('POST', `/api/alerts/${encodeURIComponent(id)}/${action}`, body);

  return {
    login: (username: string, password: string) =>
      call<LoginAnswer>('POST', '/api/login', { username, password }),
    listAlerts: (filter: AlertFilter, cursor: string | null, limit = 50) =>
      call<AlertPage>('GET', `/api/alerts?${filterQuery(filter, cursor, limit)}`),
    getAlert: (id: string) => call<AlertDetail>('GET', `/api/alerts/${encodeURIComponent(id)}`),
    acknowledge: (id: string) => decide(id, 'acknowledge'),
    assign: (id: string, assignee: string) => decide(id, 'assign', { assignee }),
    resolve: (id: string, resolution: Resolution, comment: string) =>
      decide(id, 'resolve', comment ? { resolution, comment } : { resolution }),
    stats: (window = '15m') =>
      call<Stats>('GET', `/api/stats?window=${encodeURIComponent(window)}`),
    /** EventSource cannot send headers, so the stream takes the token as a query parameter. */
    streamUrl: (lastEventId: string | null) => {
      const query = new URLSearchParams({ access_token: options.getToken() ?? '' });
      if (lastEventId) query.set('lastEventId', lastEventId);
      return `${base}/api/alerts/stream?${query}`;
    },
  };
}
