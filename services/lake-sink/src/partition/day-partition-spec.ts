import { LakeError } from '../errors.js';
import type { IcebergSchema } from '../schema/index.js';
import { FIRST_PARTITION_FIELD_ID, type PartitionSpec } from './types.js';

const DAY_SOURCES = new Set(['timestamp', 'timestamptz', 'date']);

/** A spec partitioning by the day of one timestamp or date column, named `<column>_day`. */
export function dayPartitionSpec(schema: IcebergSchema, column: string, specId = 0): PartitionSpec {
  const source = schema.fields.find((f) => f.name === column);
  if (source === undefined || typeof source.type !== 'string' || !DAY_SOURCES.has(source.type)) {
    throw new LakeError(
      'INVALID_SCHEMA',
      `day partitioning needs a timestamp or date column: ${column}`,
      {
        context: { field: column },
      },
    );
  }
  return {
    'spec-id': specId,
    fields: [
      {
        'source-id': source.id,
        'field-id': FIRST_PARTITION_FIELD_ID,
        name: `${column}_day`,
        transform: 'day',
      },
    ],
  };
}

export const UNPARTITIONED: PartitionSpec = { 'spec-id': 0, fields: [] };
