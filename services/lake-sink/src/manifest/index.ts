export type {
  DataFile,
  EntryStatus,
  ManifestEntry,
  ManifestFile,
  PartitionFieldSummary,
} from './types.js';
export { ADDED, DELETED, EXISTING } from './types.js';
export { decodeManifest, encodeManifest, type ManifestHeader } from './manifest-codec.js';
export {
  decodeManifestList,
  encodeManifestList,
  type ManifestListHeader,
} from './manifest-list-codec.js';
export { summarizePartitions } from './summarize-partitions.js';
