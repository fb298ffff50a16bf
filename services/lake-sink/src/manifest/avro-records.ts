/**
 * The shapes avsc reads and writes for the schemas in avro-schemas.ts. Decoded containers are
 * typed as these at one place (the readers), after avsc has checked them against the schema.
 */
export interface IntKeyValue<V> {
  key: number;
  value: V;
}

export interface DataFileRecord {
  content: number;
  file_path: string;
  file_format: string;
  partition: Record<string, number | null>;
  record_count: number;
  file_size_in_bytes: number;
  column_sizes: IntKeyValue<number>[] | null;
  value_counts: IntKeyValue<number>[] | null;
  null_value_counts: IntKeyValue<number>[] | null;
  nan_value_counts: IntKeyValue<number>[] | null;
  lower_bounds: IntKeyValue<Buffer>[] | null;
  upper_bounds: IntKeyValue<Buffer>[] | null;
  key_metadata: Buffer | null;
  split_offsets: number[] | null;
  equality_ids: number[] | null;
  sort_order_id: number | null;
}

export interface ManifestEntryRecord {
  status: number;
  snapshot_id: number | null;
  sequence_number: number | null;
  file_sequence_number: number | null;
  data_file: DataFileRecord;
}

export interface FieldSummaryRecord {
  contains_null: boolean;
  contains_nan: boolean | null;
  lower_bound: Buffer | null;
  upper_bound: Buffer | null;
}

export interface ManifestFileRecord {
  manifest_path: string;
  manifest_length: number;
  partition_spec_id: number;
  content: number;
  sequence_number: number;
  min_sequence_number: number;
  added_snapshot_id: number;
  added_files_count: number;
  existing_files_count: number;
  deleted_files_count: number;
  added_rows_count: number;
  existing_rows_count: number;
  deleted_rows_count: number;
  partitions: FieldSummaryRecord[] | null;
  key_metadata: Buffer | null;
}
