/**
 * The commit time (source.ts_ms) of a Debezium change event that created a row, from its JSON
 * value with or without an embedded schema; undefined for anything else (updates, deletes,
 * snapshot reads, tombstones, or bytes that are not such an event).
 */
export function cdcCommitTime(value: Buffer | null): number | undefined {
  if (value === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  const event = isObject(parsed) && isObject(parsed['payload']) ? parsed['payload'] : parsed;
  if (!isObject(event) || event['op'] !== 'c' || !isObject(event['source'])) return undefined;
  const committed = event['source']['ts_ms'];
  return typeof committed === 'number' && Number.isSafeInteger(committed) ? committed : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
