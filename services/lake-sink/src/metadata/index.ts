export type {
  MetadataLogEntry,
  Snapshot,
  SnapshotLogEntry,
  SnapshotOperation,
  SnapshotRef,
  TableMetadata,
} from './types.js';
export { newTableMetadata, type NewTableOptions } from './new-table-metadata.js';
export { MAX_SNAPSHOT_ID, newSnapshotId } from './snapshot-id.js';
export { currentSchema, currentSnapshot, defaultSpec, snapshotById } from './current-snapshot.js';
export { addSnapshot, withPreviousFile } from './add-snapshot.js';
export { withAddedColumns } from './add-columns.js';
export { parseTableMetadata, serializeTableMetadata } from './metadata-json.js';
