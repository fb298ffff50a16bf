import { PaymentsApiError } from '../errors.js';

// Connection loss, shutdown, overload, cancelled statements, serialisation failures: a retry
// later can succeed. SQLSTATE classes 08 and 53, and codes 57P01-57P03, 57014, 40001, 40P01.
const RETRIABLE_SQLSTATE = /^(08|53)|^57P0[1-3]$|^57014$|^40001$|^40P01$/;
const RETRIABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
// pg and pg-pool report these without a code.
const RETRIABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/;

/** SQLSTATE of a PostgreSQL error, if it is one. */
export function sqlState(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** The violated constraint of an integrity error (23xxx). */
export function constraintOf(error: unknown): string | undefined {
  return error instanceof Error && 'constraint' in error && typeof error.constraint === 'string'
    ? error.constraint
    : undefined;
}

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
  const unavailable =
    (code !== undefined && (RETRIABLE_SQLSTATE.test(code) || RETRIABLE_ERRNO.has(code))) ||
    (error instanceof Error && RETRIABLE_MESSAGE.test(error.message));
  if (unavailable) {
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
