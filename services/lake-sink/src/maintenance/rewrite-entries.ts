import { LakeError } from '../errors.js';
import type { FileIO } from '../io/index.js';
import {
  decodeManifest,
  DELETED,
  EXISTING,
  type ManifestEntry,
  type ManifestFile,
} from '../manifest/index.js';
import type { TableMetadata } from '../metadata/index.js';
import { currentSnapshot } from '../metadata/index.js';
import { readManifestList } from '../table/index.js';

export interface RewriteEntries {
  /** Parent manifests that hold none of the removed files: reused as they are. */
  readonly keptManifests: ManifestFile[];
  /** Live entries of the other parent manifests, kept as EXISTING with their sequence numbers. */
  readonly existing: ManifestEntry[];
  /** The removed files' entries as they were live in the parent. */
  readonly removed: ManifestEntry[];
}

/**
 * Splits the current snapshot's manifests around the files a rewrite removes. Manifests that
 * hold a removed file are folded into the rewrite's new manifest (their other files as
 * EXISTING, so data sequence numbers survive); the rest are kept by reference. Throws
 * REWRITE_CONFLICT when a file to remove is no longer live: another writer removed it since
 * the plan, and committing would resurrect or duplicate rows.
 */
export async function rewriteEntries(
  io: FileIO,
  metadata: TableMetadata,
  removedPaths: ReadonlySet<string>,
): Promise<RewriteEntries> {
  const result: RewriteEntries = { keptManifests: [], existing: [], removed: [] };
  for (const manifest of await readManifestList(io, currentSnapshot(metadata))) {
    const spec = metadata['partition-specs'].find((s) => s['spec-id'] === manifest.partitionSpecId);
    if (spec === undefined) throw new Error(`no partition spec ${manifest.partitionSpecId}`);
    const live = decodeManifest(await io.read(manifest.manifestPath), spec, {
      snapshotId: manifest.addedSnapshotId,
      sequenceNumber: manifest.sequenceNumber,
    }).filter((e) => e.status !== DELETED);
    if (!live.some((e) => removedPaths.has(e.dataFile.filePath))) {
      result.keptManifests.push(manifest);
      continue;
    }
    for (const entry of live) {
      if (removedPaths.has(entry.dataFile.filePath)) result.removed.push(entry);
      else result.existing.push({ ...entry, status: EXISTING });
    }
  }
  if (result.removed.length !== removedPaths.size) {
    throw new LakeError(
      'REWRITE_CONFLICT',
      `${removedPaths.size - result.removed.length} file(s) to rewrite are no longer in the table`,
    );
  }
  return result;
}
