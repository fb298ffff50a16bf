import type { PartitionSpec } from '../partition/index.js';

/**
 * The Avro schemas of manifests and manifest lists with the field ids the Iceberg spec fixes
 * (format/spec.md, "Manifests" and "Manifest Lists"). Readers resolve fields by these ids, so
 * they must match the spec exactly; record names follow Iceberg Java (`r2`, `k117_v118`).
 */
const optional = (type: unknown) => ({ type: ['null', type], default: null });

/** Avro has no map with int keys: Iceberg writes an array of key/value records instead. */
function intMap(fieldId: number, keyId: number, valueId: number, name: string, valueType: string) {
  return {
    name,
    ...optional({
      type: 'array',
      logicalType: 'map',
      items: {
        type: 'record',
        name: `k${keyId}_v${valueId}`,
        fields: [
          { name: 'key', type: 'int', 'field-id': keyId },
          { name: 'value', type: valueType, 'field-id': valueId },
        ],
      },
    }),
    'field-id': fieldId,
  };
}

/** The partition tuple as a record; day values are dates (days since epoch). */
export function partitionRecordSchema(spec: PartitionSpec) {
  return {
    type: 'record',
    name: 'r102',
    fields: spec.fields.map((field) => ({
      name: field.name,
      ...optional({ type: 'int', logicalType: 'date' }),
      'field-id': field['field-id'],
    })),
  };
}

export function manifestEntrySchema(spec: PartitionSpec) {
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: [
      { name: 'status', type: 'int', 'field-id': 0 },
      { name: 'snapshot_id', ...optional('long'), 'field-id': 1 },
      { name: 'sequence_number', ...optional('long'), 'field-id': 3 },
      { name: 'file_sequence_number', ...optional('long'), 'field-id': 4 },
      {
        name: 'data_file',
        type: {
          type: 'record',
          name: 'r2',
          fields: [
            { name: 'content', type: 'int', 'field-id': 134 },
            { name: 'file_path', type: 'string', 'field-id': 100 },
            { name: 'file_format', type: 'string', 'field-id': 101 },
            { name: 'partition', type: partitionRecordSchema(spec), 'field-id': 102 },
            { name: 'record_count', type: 'long', 'field-id': 103 },
            { name: 'file_size_in_bytes', type: 'long', 'field-id': 104 },
            intMap(108, 117, 118, 'column_sizes', 'long'),
            intMap(109, 119, 120, 'value_counts', 'long'),
            intMap(110, 121, 122, 'null_value_counts', 'long'),
            intMap(137, 138, 139, 'nan_value_counts', 'long'),
            intMap(125, 126, 127, 'lower_bounds', 'bytes'),
            intMap(128, 129, 130, 'upper_bounds', 'bytes'),
            { name: 'key_metadata', ...optional('bytes'), 'field-id': 131 },
            {
              name: 'split_offsets',
              ...optional({ type: 'array', items: 'long', 'element-id': 133 }),
              'field-id': 132,
            },
            {
              name: 'equality_ids',
              ...optional({ type: 'array', items: 'int', 'element-id': 136 }),
              'field-id': 135,
            },
            { name: 'sort_order_id', ...optional('int'), 'field-id': 140 },
          ],
        },
        'field-id': 2,
      },
    ],
  };
}

export const MANIFEST_LIST_SCHEMA = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    { name: 'manifest_path', type: 'string', 'field-id': 500 },
    { name: 'manifest_length', type: 'long', 'field-id': 501 },
    { name: 'partition_spec_id', type: 'int', 'field-id': 502 },
    { name: 'content', type: 'int', 'field-id': 517 },
    { name: 'sequence_number', type: 'long', 'field-id': 515 },
    { name: 'min_sequence_number', type: 'long', 'field-id': 516 },
    { name: 'added_snapshot_id', type: 'long', 'field-id': 503 },
    { name: 'added_files_count', type: 'int', 'field-id': 504 },
    { name: 'existing_files_count', type: 'int', 'field-id': 505 },
    { name: 'deleted_files_count', type: 'int', 'field-id': 506 },
    { name: 'added_rows_count', type: 'long', 'field-id': 512 },
    { name: 'existing_rows_count', type: 'long', 'field-id': 513 },
    { name: 'deleted_rows_count', type: 'long', 'field-id': 514 },
    {
      name: 'partitions',
      ...optional({
        type: 'array',
        items: {
          type: 'record',
          name: 'r508',
          fields: [
            { name: 'contains_null', type: 'boolean', 'field-id': 509 },
            { name: 'contains_nan', ...optional('boolean'), 'field-id': 518 },
            { name: 'lower_bound', ...optional('bytes'), 'field-id': 510 },
            { name: 'upper_bound', ...optional('bytes'), 'field-id': 511 },
          ],
        },
        'element-id': 508,
      }),
      'field-id': 507,
    },
    { name: 'key_metadata', ...optional('bytes'), 'field-id': 519 },
  ],
} as const;
