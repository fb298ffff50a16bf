import type { FileIO } from '../io/index.js';
import { toLocalPath } from '../io/index.js';
import { decodeManifest, DELETED } from '../manifest/index.js';
import type { Snapshot, TableMetadata } from '../metadata/index.js';
import { readManifestList } from '../table/index.js';

/**
 * One spelling per file: `file:/x`, `file:///x` and `/x` name the same local file, and metadata
 * written by other clients may use any of them.
 */
export const fileKey = (uri: string): string => (uri.startsWith('file:') ? toLocalPath(uri) : uri);

export interface ReachableOptions {
  /**
   * Count data files only where a snapshot reads them (ADDED/EXISTING entries). Off, a
   * DELETED entry's file counts too: the set of files a snapshot's manifests mention at all.
   */
  readonly liveOnly: boolean;
}

/**
 * Every file the given snapshots reach: their manifest lists, the manifests those list, and
 * the data files the manifests hold. Keys are `fileKey`s; values the URIs as written.
 */
export async function reachableFiles(
  io: FileIO,
  metadata: TableMetadata,
  snapshots: readonly Snapshot[],
  options: ReachableOptions,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const add = (uri: string) => files.set(fileKey(uri), uri);
  const seenManifests = new Set<string>();
  for (const snapshot of snapshots) {
    add(snapshot['manifest-list']);
    for (const manifest of await readManifestList(io, snapshot)) {
      add(manifest.manifestPath);
      // Snapshots share most manifests; each is read once.
      if (seenManifests.has(manifest.manifestPath)) continue;
      seenManifests.add(manifest.manifestPath);
      const spec = metadata['partition-specs'].find(
        (s) => s['spec-id'] === manifest.partitionSpecId,
      );
      if (spec === undefined) throw new Error(`no partition spec ${manifest.partitionSpecId}`);
      const entries = decodeManifest(await io.read(manifest.manifestPath), spec, {
        snapshotId: manifest.addedSnapshotId,
        sequenceNumber: manifest.sequenceNumber,
      });
      for (const entry of entries) {
        if (!options.liveOnly || entry.status !== DELETED) add(entry.dataFile.filePath);
      }
    }
  }
  return files;
}
