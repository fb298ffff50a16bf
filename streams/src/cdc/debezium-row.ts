import type { RawRecord } from '../records/index.js';
import { isObject, parseDebeziumChange, parseDebeziumJson } from './debezium-change.js';

export interface DebeziumRowOptions<K, Row> {
  /** The table key from the Debezium record key (the primary key columns), e.g. `k.id`. */
  key: (recordKey: Record<string, unknown>) => K;
  isRow: (row: unknown) => row is Row;
  /** Called for a record that cannot be read; the table skips it. */
  onSkip?: (record: RawRecord, reason: string) => void;
}

/**
 * Turns a Debezium CDC topic into table rows for `StreamsBuilder.globalTable`: creates,
 * updates and snapshot reads upsert `after`; deletes and tombstones remove the key.
 */
export function debeziumRow<K, Row>({ key, isRow, onSkip }: DebeziumRowOptions<K, Row>) {
  return (record: RawRecord): { key: K; value: Row | null } | undefined => {
    try {
      if (record.key === null) throw new Error('record without key');
      const recordKey = parseDebeziumJson(record.key);
      if (!isObject(recordKey)) throw new Error('record key is not a JSON object');
      if (record.value === null) return { key: key(recordKey), value: null };
      const change = parseDebeziumChange(record.value, isRow);
      if (change.op === 't') return undefined;
      return { key: key(recordKey), value: change.op === 'd' ? null : change.after };
    } catch (error) {
      onSkip?.(record, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };
}
