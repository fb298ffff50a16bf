import { randomUUID } from 'node:crypto';
import type { FileIO } from '../io/index.js';
import {
  ADDED,
  encodeManifest,
  encodeManifestList,
  summarizePartitions,
  type ManifestEntry,
  type ManifestFile,
} from '../manifest/index.js';
import {
  addSnapshot,
  currentSchema,
  currentSnapshot,
  defaultSpec,
  newSnapshotId,
  type Snapshot,
  type SnapshotOperation,
  type TableMetadata,
} from '../metadata/index.js';

export interface SnapshotChanges {
  readonly operation: SnapshotOperation;
  /** Entries of the new manifest (added, and for rewrites existing/deleted ones). */
  readonly entries: (snapshotId: number, sequenceNumber: number) => ManifestEntry[];
  /** Manifests of the parent snapshot that stay as they are. */
  readonly keptManifests: readonly ManifestFile[];
  readonly summary: (previous: Snapshot | undefined) => Snapshot['summary'];
}

/**
 * Writes the new manifest and manifest list for one snapshot and returns the metadata that
 * references them. Nothing is visible until the catalog swap; a lost swap leaves files no
 * snapshot references.
 */
export async function writeSnapshot(
  io: FileIO,
  base: TableMetadata,
  changes: SnapshotChanges,
  now = Date.now(),
): Promise<TableMetadata> {
  const schema = currentSchema(base);
  const spec = defaultSpec(base);
  const previous = currentSnapshot(base);
  const snapshotId = newSnapshotId();
  const sequenceNumber = base['last-sequence-number'] + 1;
  const entries = changes.entries(snapshotId, sequenceNumber);
  const metadataDir = `${base.location}/metadata`;

  const manifests: ManifestFile[] = [];
  if (entries.length > 0) {
    const manifestPath = `${metadataDir}/${randomUUID()}-m0.avro`;
    const bytes = encodeManifest({ schema, spec }, entries);
    await io.create(manifestPath, bytes);
    const count = (status: number) => entries.filter((e) => e.status === status);
    const rows = (list: ManifestEntry[]) =>
      list.reduce((acc, e) => acc + e.dataFile.recordCount, 0);
    const added = count(ADDED);
    const existing = count(0);
    const deleted = count(2);
    manifests.push({
      manifestPath,
      manifestLength: bytes.byteLength,
      partitionSpecId: spec['spec-id'],
      sequenceNumber,
      minSequenceNumber: Math.min(...entries.map((e) => e.sequenceNumber)),
      addedSnapshotId: snapshotId,
      addedFilesCount: added.length,
      existingFilesCount: existing.length,
      deletedFilesCount: deleted.length,
      addedRowsCount: rows(added),
      existingRowsCount: rows(existing),
      deletedRowsCount: rows(deleted),
      partitions: summarizePartitions(spec, entries),
    });
  }
  manifests.push(...changes.keptManifests);

  const manifestList = `${metadataDir}/snap-${snapshotId}-1-${randomUUID()}.avro`;
  await io.create(
    manifestList,
    encodeManifestList(
      { snapshotId, parentSnapshotId: previous?.['snapshot-id'] ?? null, sequenceNumber },
      manifests,
    ),
  );
  const snapshot: Snapshot = {
    'snapshot-id': snapshotId,
    ...(previous === undefined ? {} : { 'parent-snapshot-id': previous['snapshot-id'] }),
    'sequence-number': sequenceNumber,
    'timestamp-ms': Math.max(now, base['last-updated-ms']),
    'manifest-list': manifestList,
    summary: changes.summary(previous),
    'schema-id': schema['schema-id'],
  };
  return addSnapshot(base, snapshot);
}
