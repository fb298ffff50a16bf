export {
  compactDataFiles,
  type CompactDataFilesOptions,
  type CompactedPartition,
  type CompactionResult,
} from './compact-data-files.js';
export {
  expireSnapshots,
  type ExpireSnapshotsOptions,
  type ExpireSnapshotsResult,
} from './expire-snapshots.js';
export type { ExpiryPolicy } from './select-expired-snapshots.js';
export {
  removeOrphanFiles,
  type OrphanFile,
  type RemoveOrphanFilesOptions,
  type RemoveOrphanFilesResult,
} from './remove-orphan-files.js';
