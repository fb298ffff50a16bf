import { randomUUID } from 'node:crypto';
import { FIRST_PARTITION_FIELD_ID, type PartitionSpec } from '../partition/index.js';
import { highestFieldId, type IcebergSchema } from '../schema/index.js';
import type { TableMetadata } from './types.js';

export interface NewTableOptions {
  readonly location: string;
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
  readonly properties?: Readonly<Record<string, string>>;
  readonly now?: number;
}

/** The metadata of an empty table: one schema, one spec, no snapshots. */
export function newTableMetadata(options: NewTableOptions): TableMetadata {
  const lastPartitionId = Math.max(
    FIRST_PARTITION_FIELD_ID - 1,
    ...options.spec.fields.map((f) => f['field-id']),
  );
  return {
    'format-version': 2,
    'table-uuid': randomUUID(),
    location: options.location,
    'last-sequence-number': 0,
    'last-updated-ms': options.now ?? Date.now(),
    'last-column-id': highestFieldId(options.schema),
    'current-schema-id': options.schema['schema-id'],
    schemas: [options.schema],
    'default-spec-id': options.spec['spec-id'],
    'partition-specs': [options.spec],
    'last-partition-id': lastPartitionId,
    'default-sort-order-id': 0,
    'sort-orders': [{ 'order-id': 0, fields: [] }],
    properties: { 'write.parquet.compression-codec': 'snappy', ...options.properties },
    snapshots: [],
    'snapshot-log': [],
    'metadata-log': [],
    refs: {},
  };
}
