import { isDatabaseUnavailable, sqlState } from '@fraud/common';
import { PaymentsApiError } from '../errors.js';

export { constraintOf, sqlState } from '@fraud/common';

// Data exceptions (class 22) and CHECK violations: input the route schemas let through but the
// database refuses. The client's fault, so a 400, though the schema should be tightened.
const INVALID_INPUT_SQLSTATE = /^22|^23514$/;

/**
 * Turns an unavailable database into DATABASE_UNAVAILABLE (503 + Retry-After) and refused values
 * into INVALID_VALUE (400); any other error is returned unchanged, for the caller to classify or
 * to let through as a 500.
 */
export function classifyDatabaseError(error: unknown): unknown {
  const code = sqlState(error);
  if (isDatabaseUnavailable(error)) {
    return new PaymentsApiError(
      'DATABASE_UNAVAILABLE',
      'the database is unavailable; retry later',
      {
        retriable: true,
        cause: error,
      },
    );
  }
  if (code !== undefined && INVALID_INPUT_SQLSTATE.test(code)) {
    return new PaymentsApiError('INVALID_VALUE', 'a value is out of the accepted range', {
      cause: error,
    });
  }
  return error;
}
