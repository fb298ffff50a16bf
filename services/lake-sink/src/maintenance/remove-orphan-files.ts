import type { Logger } from '@fraud/common';
import type { SqlCatalog, TableIdentifier } from '../catalog/index.js';
import { versionHint } from '../catalog/index.js';
import type { FileIO } from '../io/index.js';
import { fileKey, reachableFiles } from './reachable-files.js';

export interface RemoveOrphanFilesOptions {
  readonly catalog: SqlCatalog;
  readonly io: FileIO;
  readonly logger: Logger;
  readonly identifier: TableIdentifier;
  /**
   * Only files last modified before this instant (epoch ms) can be orphans. A commit in flight
   * has written data files and manifests it has not yet referenced; they are young, and this
   * cutoff is what keeps them safe. Iceberg's default is three days ago.
   */
  readonly olderThanMs: number;
  /** List the orphans, delete nothing. */
  readonly dryRun?: boolean;
}

export interface OrphanFile {
  readonly uri: string;
  readonly modifiedMs: number;
}

export interface RemoveOrphanFilesResult {
  readonly orphans: readonly OrphanFile[];
  readonly removed: boolean;
}

/**
 * Deletes files under the table location that nothing references: not the current metadata
 * file or those in its metadata log, not `version-hint.text`, and not any manifest list,
 * manifest or live data file of any snapshot still in the metadata. Such files come from
 * crashed writers (data written, commit never made), lost commit races, or a crash between an
 * expiry's commit and its deletes.
 */
export async function removeOrphanFiles(
  options: RemoveOrphanFilesOptions,
): Promise<RemoveOrphanFilesResult> {
  const { catalog, io, identifier } = options;
  const logger = options.logger.child({
    component: 'remove-orphan-files',
    table: `${identifier.namespace}.${identifier.name}`,
  });
  const { location } = (await catalog.loadTable(identifier)).metadata;
  const listed = await io.list(location);
  // Loaded again after listing, so a commit landing during the listing is referenced too.
  const { metadata, metadataLocation } = await catalog.loadTable(identifier);
  const referenced = await reachableFiles(io, metadata, metadata.snapshots, { liveOnly: true });
  for (const uri of [
    metadataLocation,
    versionHint(metadataLocation).uri,
    ...metadata['metadata-log'].map((entry) => entry['metadata-file']),
  ]) {
    referenced.set(fileKey(uri), uri);
  }
  const orphans = listed
    .filter((file) => file.modifiedMs < options.olderThanMs && !referenced.has(fileKey(file.uri)))
    .sort((a, b) => (a.uri < b.uri ? -1 : 1));
  if (options.dryRun !== true) {
    for (const orphan of orphans) await io.remove(orphan.uri);
    logger.info({ removed: orphans.length }, 'orphan files removed');
  }
  return { orphans, removed: options.dryRun !== true };
}
