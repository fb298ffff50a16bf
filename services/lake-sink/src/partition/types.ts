/**
 * Partition spec JSON as in table metadata. Only the `day` transform is implemented: the sink
 * partitions by event day so time-range queries prune whole days of files.
 */
export type Transform = 'day';

export interface PartitionField {
  readonly 'source-id': number;
  readonly 'field-id': number;
  readonly name: string;
  readonly transform: Transform;
}

export interface PartitionSpec {
  readonly 'spec-id': number;
  readonly fields: readonly PartitionField[];
}

/** Partition field ids start at 1000 (spec: "partition field IDs ... start at 1000"). */
export const FIRST_PARTITION_FIELD_ID = 1000;

/** One value per spec field, in spec order; days since 1970-01-01 for `day`. */
export type PartitionValues = readonly (number | null)[];
