import { LakeError } from '../errors.js';
import type { IcebergSchema } from '../schema/index.js';
import type { PartitionSpec, PartitionValues } from './types.js';

const MS_PER_DAY = 86_400_000;

/** Days since the epoch, UTC, floored (so instants before 1970 land on the right day). */
export const dayOf = (instant: Date): number => Math.floor(instant.getTime() / MS_PER_DAY);

/** Computes a row's partition tuple; rows with equal tuples share data files. */
export function partitionValues(
  spec: PartitionSpec,
  schema: IcebergSchema,
  row: Readonly<Record<string, unknown>>,
): PartitionValues {
  return spec.fields.map((field) => {
    const source = schema.fields.find((f) => f.id === field['source-id']);
    if (source === undefined) {
      throw new LakeError(
        'INVALID_SCHEMA',
        `partition source id ${field['source-id']} not in schema`,
      );
    }
    const value = row[source.name];
    if (value === null || value === undefined) return null;
    if (!(value instanceof Date)) {
      throw new LakeError('INVALID_ROW', `${source.name} must be a Date to partition by day`, {
        context: { field: source.name },
      });
    }
    return dayOf(value);
  });
}

/** Hive-style directory for a partition, as Iceberg's Java writer names it: `col_day=2024-05-01`. */
export function partitionPath(spec: PartitionSpec, values: PartitionValues): string {
  return spec.fields
    .map((field, i) => {
      const value = values[i];
      const text =
        value === null || value === undefined
          ? 'null'
          : new Date(value * MS_PER_DAY).toISOString().slice(0, 10);
      return `${encodeURIComponent(field.name)}=${text}`;
    })
    .join('/');
}
