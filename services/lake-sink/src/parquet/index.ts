export {
  encodeDataFile,
  type EncodeDataFileOptions,
  type ParquetCodec,
  type EncodedDataFile,
} from './encode-data-file.js';
export type { ColumnMetrics } from './column-metrics.js';
export { toParquetSchema } from './parquet-schema.js';
export { decodeDataFile } from './decode-data-file.js';
