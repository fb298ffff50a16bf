import type { ApiErrorBody } from './types.js';

/** A refused or failed API call; `code` is the server's stable error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ApiErrorBody['fields'];

  constructor(status: number, code: string, message: string, fields?: ApiErrorBody['fields']) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.code === 'string' && typeof b.message === 'string';
}

/** Builds the error from an answer's status and parsed body (whatever the body turned out to be). */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.code, body.message, body.fields);
  return new ApiError(status, `HTTP_${status}`, `request failed with HTTP ${status}`);
}
