export {
  createTableWriter,
  type AppendOptions,
  type TableWriter,
  type SummaryBuilder,
  type TableWriterOptions,
} from './table-writer.js';
export { readLiveEntries, readManifestList } from './read-manifests.js';
export { writeDataFile, writeDataFiles, type WriteDataFilesOptions } from './write-data-files.js';
export { commitWithRetry, type CommitWithRetryOptions } from './commit-with-retry.js';
export { writeSnapshot, type SnapshotChanges } from './write-snapshot.js';
export { carriedSummary, checkExtraSummary, snapshotSummary } from './snapshot-summary.js';
