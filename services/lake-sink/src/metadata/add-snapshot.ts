import type { MetadataLogEntry, Snapshot, TableMetadata } from './types.js';

/** Keep this many previous metadata files in the log, as Iceberg's default does. */
const DEFAULT_PREVIOUS_VERSIONS_MAX = 100;

/**
 * Records where the new metadata came from: the base file joins the metadata log, trimmed to
 * `write.metadata.previous-versions-max`. Every new metadata file goes through this.
 */
export function withPreviousFile(
  base: TableMetadata,
  baseLocation: string,
  next: TableMetadata,
): TableMetadata {
  const max =
    Number(base.properties['write.metadata.previous-versions-max']) ||
    DEFAULT_PREVIOUS_VERSIONS_MAX;
  const entry: MetadataLogEntry = {
    'timestamp-ms': base['last-updated-ms'],
    'metadata-file': baseLocation,
  };
  return { ...next, 'metadata-log': [...base['metadata-log'], entry].slice(-max) };
}

/** Adds a snapshot and makes it current on the main branch. Pure: the base is untouched. */
export function addSnapshot(base: TableMetadata, snapshot: Snapshot): TableMetadata {
  return {
    ...base,
    'last-sequence-number': snapshot['sequence-number'],
    'last-updated-ms': snapshot['timestamp-ms'],
    'current-snapshot-id': snapshot['snapshot-id'],
    snapshots: [...base.snapshots, snapshot],
    'snapshot-log': [
      ...base['snapshot-log'],
      { 'timestamp-ms': snapshot['timestamp-ms'], 'snapshot-id': snapshot['snapshot-id'] },
    ],
    refs: { ...base.refs, main: { 'snapshot-id': snapshot['snapshot-id'], type: 'branch' } },
  };
}
