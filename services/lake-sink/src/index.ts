/**
 * @fraud/lake-sink: an Iceberg v2 table writer in TypeScript (Parquet data files, Avro
 * manifests, a SQL catalog in PostgreSQL shared with pyiceberg and Iceberg Java).
 */
export { LakeError, type LakeErrorCode, type LakeErrorContext } from './errors.js';
export * from './schema/index.js';
export * from './partition/index.js';
export * from './catalog/index.js';
export * from './io/index.js';
export {
  currentSchema,
  currentSnapshot,
  snapshotById,
  type Snapshot,
  type TableMetadata,
} from './metadata/index.js';
export * from './table/index.js';
export * from './maintenance/index.js';
export * from './sink/index.js';
