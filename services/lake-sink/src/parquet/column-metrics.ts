import { encodeSingleValue, type PrimitiveTypeName } from '../schema/index.js';
import type { StorageValue } from './storage-value.js';

/** Per-field counts and bounds Iceberg keeps per data file, keyed by field id. */
export interface ColumnMetrics {
  readonly valueCounts: Map<number, number>;
  readonly nullValueCounts: Map<number, number>;
  readonly lowerBounds: Map<number, Uint8Array>;
  readonly upperBounds: Map<number, Uint8Array>;
}

export const emptyMetrics = (): ColumnMetrics => ({
  valueCounts: new Map(),
  nullValueCounts: new Map(),
  lowerBounds: new Map(),
  upperBounds: new Map(),
});

// Longer strings would need truncation with a carried upper bound; leaving them out is allowed
// (bounds are optional) and only costs pruning on that column.
const MAX_STRING_BOUND = 16;

// JavaScript orders strings by UTF-16 unit, Iceberg by UTF-8 byte; they agree on ASCII only.
const isShortAscii = (value: StorageValue): boolean =>
  typeof value === 'string' && value.length <= MAX_STRING_BOUND && /^[\x20-\x7e]*$/.test(value);

const less = (a: StorageValue, b: StorageValue): boolean =>
  a instanceof Uint8Array || b instanceof Uint8Array ? false : a < b;

/**
 * Records counts and, where the type orders cleanly, min/max for one top-level column. NaN is
 * excluded from bounds (spec: bounds must not be NaN); binary is skipped for simplicity.
 */
export function recordColumnMetrics(
  metrics: ColumnMetrics,
  fieldId: number,
  type: PrimitiveTypeName,
  values: readonly (StorageValue | null)[],
): void {
  let nulls = 0;
  let min: StorageValue | undefined;
  let max: StorageValue | undefined;
  for (const value of values) {
    if (value === null) {
      nulls++;
      continue;
    }
    if (typeof value === 'number' && Number.isNaN(value)) continue;
    if (type === 'binary' || type === 'boolean') continue;
    if (min === undefined || less(value, min)) min = value;
    if (max === undefined || less(max, value)) max = value;
  }
  metrics.valueCounts.set(fieldId, values.length);
  metrics.nullValueCounts.set(fieldId, nulls);
  if (min === undefined || max === undefined) return;
  if (type === 'string' && !(isShortAscii(min) && isShortAscii(max))) return;
  metrics.lowerBounds.set(fieldId, encodeSingleValue(type, min));
  metrics.upperBounds.set(fieldId, encodeSingleValue(type, max));
}
