import type { CompressionCodec } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { isListType, type IcebergSchema } from '../schema/index.js';
import { emptyMetrics, recordColumnMetrics, type ColumnMetrics } from './column-metrics.js';
import { toParquetSchema } from './parquet-schema.js';
import { toStorageValue, type StorageValue } from './storage-value.js';
import { LakeError } from '../errors.js';

export interface EncodeDataFileOptions {
  /** Rows per Parquet row group; one group per file suits the sink's file sizes. */
  rowGroupSize?: number;
  /** SNAPPY is built into hyparquet-writer; other codecs would need a compressor. */
  codec?: CompressionCodec;
}

export interface EncodedDataFile {
  readonly bytes: Uint8Array;
  readonly recordCount: number;
  readonly metrics: ColumnMetrics;
}

type Row = Readonly<Record<string, unknown>>;

function columnOf(schema: IcebergSchema, index: number, rows: readonly Row[]) {
  const field = schema.fields[index];
  if (field === undefined) throw new RangeError(`no field at ${index}`);
  return rows.map((row) => {
    const value = row[field.name];
    if (value === null || value === undefined) {
      if (field.required) {
        throw new LakeError('INVALID_ROW', `${field.name} is required`, {
          context: { field: field.name },
        });
      }
      return null;
    }
    if (!isListType(field.type)) return toStorageValue(field.type, value, field.name);
    if (!Array.isArray(value)) {
      throw new LakeError('INVALID_ROW', `${field.name}: expected an array`, {
        context: { field: field.name },
      });
    }
    const element = field.type.element;
    return value.map((v: unknown) => toStorageValue(element, v, `${field.name}.element`));
  });
}

/**
 * Encodes rows into one Parquet file whose schema carries Iceberg field ids, and gathers the
 * per-column metrics the manifest entry needs. Rows are validated first, so a bad row throws
 * INVALID_ROW and nothing is written.
 */
export function encodeDataFile(
  schema: IcebergSchema,
  rows: readonly Row[],
  options: EncodeDataFileOptions = {},
): EncodedDataFile {
  const metrics = emptyMetrics();
  const columnData = schema.fields.map((field, index) => {
    const data = columnOf(schema, index, rows);
    if (!isListType(field.type)) {
      recordColumnMetrics(metrics, field.id, field.type, data as (StorageValue | null)[]);
    }
    return { name: field.name, data };
  });
  const buffer = parquetWriteBuffer({
    columnData,
    schema: toParquetSchema(schema),
    codec: options.codec ?? 'SNAPPY',
    rowGroupSize: options.rowGroupSize ?? 100_000,
    // Iceberg's Java writer leaves the schema here too; some tools show it.
    kvMetadata: [{ key: 'iceberg.schema', value: JSON.stringify(schema) }],
    createdBy: '@fraud/lake-sink (hyparquet-writer)',
  });
  return { bytes: new Uint8Array(buffer), recordCount: rows.length, metrics };
}
