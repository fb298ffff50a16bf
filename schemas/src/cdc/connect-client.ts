import { ConnectorError } from '../errors.js';
import type { ConnectorConfig } from './connector-config.js';

export interface ConnectorStatus {
  connector: { state: string; trace?: string };
  tasks: { id: number; state: string; trace?: string }[];
}

/**
 * Connect answers 409, or 500 "a rebalance is expected" / "Request timed out", while workers
 * rebalance or start; 502-504 come from proxies. Any other 500 (an unknown connector class,
 * a bad config) will not heal by retrying.
 */
export function isTransient(status: number, message: string): boolean {
  if (status === 409 || (status >= 502 && status <= 504)) return true;
  return status === 500 && /rebalance|timed out/i.test(message);
}

/** The few Kafka Connect REST calls the registration needs, with errors that carry a code. */
export function connectClient(connectUrl: string, name: string) {
  const base = `${connectUrl.replace(/\/$/, '')}/connectors/${encodeURIComponent(name)}`;

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (cause) {
      throw new ConnectorError(
        'CONNECT_UNREACHABLE',
        name,
        `Kafka Connect at ${connectUrl} did not answer`,
        {
          retriable: true,
          cause,
        },
      );
    }
  }

  return {
    /** The deployed configuration, or undefined when the connector does not exist. */
    async getConfig(): Promise<ConnectorConfig | undefined> {
      const res = await call('/config');
      if (res.status === 404) return undefined;
      if (!res.ok) throw await rejected(res);
      return (await res.json()) as ConnectorConfig;
    },

    /** Creates or replaces the configuration; 409 means a worker rebalance is in progress. */
    async putConfig(config: ConnectorConfig): Promise<'created' | 'updated'> {
      const res = await call('/config', { method: 'PUT', body: JSON.stringify(config) });
      if (res.status === 201) return 'created';
      if (res.ok) return 'updated';
      throw await rejected(res);
    },

    async getStatus(): Promise<ConnectorStatus | undefined> {
      const res = await call('/status');
      if (res.status === 404) return undefined;
      if (!res.ok) throw await rejected(res);
      return (await res.json()) as ConnectorStatus;
    },

    async restartFailed(): Promise<void> {
      const res = await call('/restart?includeTasks=true&onlyFailed=true', { method: 'POST' });
      if (!res.ok) throw await rejected(res);
    },
  };

  async function rejected(res: Response): Promise<ConnectorError> {
    const body = await res.text();
    let message = body;
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      // Not JSON (a proxy's error page): keep the raw text.
    }
    return new ConnectorError(
      'CONNECTOR_REJECTED',
      name,
      `Kafka Connect answered ${res.status}: ${message}`,
      {
        retriable: isTransient(res.status, message),
      },
    );
  }
}
