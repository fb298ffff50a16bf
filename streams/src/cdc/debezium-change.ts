import { DeserializationError } from '../errors/index.js';
import type { Serde } from '../serdes/index.js';

/**
 * A Debezium change event (JSON converter, with or without embedded schemas). `op`: c create,
 * u update, d delete, r snapshot read, t truncate.
 */
export interface DebeziumChange<Row> {
  readonly op: 'c' | 'u' | 'd' | 'r' | 't';
  readonly before: Row | null;
  readonly after: Row | null;
  /** Commit time in the source database: the event time of CDC records. */
  readonly sourceTsMs: number;
}

const OPS = new Set(['c', 'u', 'd', 'r', 't']);

/** Parses JSON, unwrapping `{schema, payload}` when the converter embeds schemas. */
export function parseDebeziumJson(bytes: Buffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new DeserializationError('Debezium record is not valid JSON', error);
  }
  if (isObject(parsed) && 'payload' in parsed && 'schema' in parsed) return parsed['payload'];
  return parsed;
}

export function parseDebeziumChange<Row>(
  bytes: Buffer,
  isRow: (row: unknown) => row is Row,
): DebeziumChange<Row> {
  const event = parseDebeziumJson(bytes);
  if (!isObject(event) || typeof event['op'] !== 'string' || !OPS.has(event['op']))
    throw new DeserializationError('not a Debezium change event (no valid op)');
  const source = event['source'];
  const sourceTsMs = isObject(source) ? source['ts_ms'] : undefined;
  if (typeof sourceTsMs !== 'number')
    throw new DeserializationError('Debezium change event without source.ts_ms');
  const row = (value: unknown, field: string): Row | null => {
    if (value === null || value === undefined) return null;
    if (!isRow(value)) throw new DeserializationError(`Debezium ${field} row failed validation`);
    return value;
  };
  return {
    op: event['op'] as DebeziumChange<Row>['op'],
    before: row(event['before'], 'before'),
    after: row(event['after'], 'after'),
    sourceTsMs,
  };
}

/**
 * Serde for a stream of change events. Tombstones (null values, written after deletes for
 * compaction) decode to null so the topology can filter them; they are not errors.
 */
export function debeziumChangeSerde<Row>(
  isRow: (row: unknown) => row is Row,
): Serde<DebeziumChange<Row> | null> {
  return {
    serialize: (change) => (change === null ? null : Buffer.from(JSON.stringify(change))),
    deserialize: (bytes) => (bytes === null ? null : parseDebeziumChange(bytes, isRow)),
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
