import { LakeError } from '../errors.js';
import type { PrimitiveTypeName } from '../schema/index.js';

/** A primitive in the form Parquet stores it: days for dates, µs bigint for timestamps. */
export type StorageValue = boolean | number | bigint | string | Uint8Array;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const MS_PER_DAY = 86_400_000;

function invalid(field: string, expected: string, value: unknown): LakeError {
  const got = value === null ? 'null' : typeof value;
  return new LakeError('INVALID_ROW', `${field}: expected ${expected}, got ${got}`, {
    context: { field },
  });
}

/** Checks one value of a column and converts it to storage form, or throws INVALID_ROW. */
export type StorageConverter = (value: unknown) => StorageValue;

/**
 * The converter of one column, chosen once per column rather than per value: a data file
 * converts every value it holds. Rejecting here, before any byte is written, keeps a bad
 * record from poisoning a whole data file.
 */
export function storageConverter(type: PrimitiveTypeName, field: string): StorageConverter {
  switch (type) {
    case 'boolean':
      return (value) => {
        if (typeof value === 'boolean') return value;
        throw invalid(field, 'boolean', value);
      };
    case 'int':
      return (value) => {
        if (
          Number.isInteger(value) &&
          (value as number) >= INT32_MIN &&
          (value as number) <= INT32_MAX
        )
          return value as number;
        throw invalid(field, '32-bit integer', value);
      };
    case 'long':
      return (value) => {
        if (typeof value === 'bigint') return value;
        if (Number.isSafeInteger(value)) return BigInt(value as number);
        throw invalid(field, 'bigint or safe integer', value);
      };
    case 'float':
    case 'double':
      return (value) => {
        if (typeof value === 'number') return value;
        throw invalid(field, 'number', value);
      };
    case 'string':
      return (value) => {
        if (typeof value === 'string') return value;
        throw invalid(field, 'string', value);
      };
    case 'date':
      return (value) => {
        if (value instanceof Date && !Number.isNaN(value.getTime()))
          return Math.floor(value.getTime() / MS_PER_DAY);
        throw invalid(field, 'Date', value);
      };
    case 'timestamp':
    case 'timestamptz':
      return (value) => {
        if (value instanceof Date && !Number.isNaN(value.getTime()))
          return BigInt(value.getTime()) * 1000n;
        // Microseconds as stored: what compaction reads back, so a rewrite never truncates.
        if (typeof value === 'bigint') return value;
        throw invalid(field, 'Date or bigint microseconds', value);
      };
    case 'binary':
      return (value) => {
        if (value instanceof Uint8Array) return value;
        throw invalid(field, 'Uint8Array', value);
      };
  }
}

/** Types whose storage form is the value itself: their lists pass through unconverted. */
export const IDENTITY_TYPES: ReadonlySet<PrimitiveTypeName> = new Set([
  'boolean',
  'float',
  'double',
  'string',
  'binary',
]);

/** One value at a time; see `storageConverter`. */
export const toStorageValue = (
  type: PrimitiveTypeName,
  value: unknown,
  field: string,
): StorageValue => storageConverter(type, field)(value);
