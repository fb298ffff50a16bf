import type { FileIO } from '../io/index.js';
import {
  decodeManifest,
  decodeManifestList,
  type ManifestEntry,
  type ManifestFile,
} from '../manifest/index.js';
import type { Snapshot, TableMetadata } from '../metadata/index.js';

export async function readManifestList(
  io: FileIO,
  snapshot: Snapshot | undefined,
): Promise<ManifestFile[]> {
  if (snapshot === undefined) return [];
  return decodeManifestList(await io.read(snapshot['manifest-list']));
}

/** The live (added or existing) entries of a snapshot: the files a scan of it reads. */
export async function readLiveEntries(
  io: FileIO,
  metadata: TableMetadata,
  snapshot: Snapshot | undefined,
): Promise<ManifestEntry[]> {
  const live: ManifestEntry[] = [];
  for (const manifest of await readManifestList(io, snapshot)) {
    const spec = metadata['partition-specs'].find((s) => s['spec-id'] === manifest.partitionSpecId);
    if (spec === undefined) throw new Error(`no partition spec ${manifest.partitionSpecId}`);
    const entries = decodeManifest(await io.read(manifest.manifestPath), spec, {
      snapshotId: manifest.addedSnapshotId,
      sequenceNumber: manifest.sequenceNumber,
    });
    live.push(...entries.filter((e) => e.status !== 2));
  }
  return live;
}
