/**
 * The list's page cursor: the sort key (event time, alert id) of the last row of a page, in an
 * opaque base64url token. Event time is kept in epoch microseconds, PostgreSQL's precision, so a
 * page boundary never falls between two rows that a millisecond value would not tell apart.
 */
export interface ListPosition {
  eventTimeMicros: bigint;
  alertId: string;
}

const VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MICROS = /^-?\d{1,18}$/;

export function encodeCursor({ eventTimeMicros, alertId }: ListPosition): string {
  return Buffer.from(JSON.stringify([VERSION, eventTimeMicros.toString(), alertId])).toString(
    'base64url',
  );
}

/** The position a cursor stands for, or undefined for anything this service did not issue. */
export function decodeCursor(cursor: string): ListPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [version, micros, alertId] = parsed as unknown[];
  if (version !== VERSION || typeof micros !== 'string' || typeof alertId !== 'string') {
    return undefined;
  }
  if (!MICROS.test(micros) || !UUID.test(alertId)) return undefined;
  return { eventTimeMicros: BigInt(micros), alertId };
}
