/**
 * How a PostgreSQL (pg) error reads, for services that answer 503 when the database is away
 * and 4xx or 500 otherwise.
 */

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

/** SQLSTATE (or errno code) of an error, if it has one. */
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

/** True when the database is unreachable or overloaded rather than refusing the statement. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  return (
    (code !== undefined && (RETRIABLE_SQLSTATE.test(code) || RETRIABLE_ERRNO.has(code))) ||
    (error instanceof Error && RETRIABLE_MESSAGE.test(error.message))
  );
}
