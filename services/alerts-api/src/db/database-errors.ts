import { isDatabaseUnavailable } from '@fraud/common';
import { AlertsApiError } from '../errors.js';

export { isDatabaseUnavailable, sqlState } from '@fraud/common';

/**
 * An unavailable database becomes DATABASE_UNAVAILABLE (503 + Retry-After); any other error is
 * returned unchanged and ends as a 500 whose body names no SQL.
 */
export function classifyDatabaseError(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  return new AlertsApiError('DATABASE_UNAVAILABLE', 'the database is unavailable; retry later', {
    retriable: true,
    cause: error,
  });
}
