export {
  createTableWriter,
  type AppendOptions,
  type TableWriter,
  type TableWriterOptions,
} from './table-writer.js';
export { readLiveEntries, readManifestList } from './read-manifests.js';
export { writeDataFiles, type WriteDataFilesOptions } from './write-data-files.js';
