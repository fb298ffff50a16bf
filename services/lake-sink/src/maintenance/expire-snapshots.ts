import type { Logger } from '@fraud/common';
import type { SqlCatalog, TableIdentifier } from '../catalog/index.js';
import type { FileIO } from '../io/index.js';
import type { Snapshot, TableMetadata } from '../metadata/index.js';
import { commitWithRetry } from '../table/index.js';
import { reachableFiles } from './reachable-files.js';
import {
  selectExpiredSnapshots,
  withoutSnapshots,
  type ExpiryPolicy,
} from './select-expired-snapshots.js';

export interface ExpireSnapshotsOptions extends ExpiryPolicy {
  readonly catalog: SqlCatalog;
  readonly io: FileIO;
  readonly logger: Logger;
  readonly identifier: TableIdentifier;
  /** Report what would expire and which files would go; commit and delete nothing. */
  readonly dryRun?: boolean;
  readonly maxCommitAttempts?: number;
}

export interface ExpireSnapshotsResult {
  readonly expiredSnapshotIds: readonly number[];
  /** Manifest lists, manifests and data files no kept snapshot reaches (deleted unless dry run). */
  readonly deletedFiles: readonly string[];
}

/** Files the expired snapshots reach that no kept snapshot reads any more. */
async function unreachableAfter(
  io: FileIO,
  before: TableMetadata,
  after: TableMetadata,
  expired: readonly Snapshot[],
): Promise<string[]> {
  const candidates = await reachableFiles(io, before, expired, { liveOnly: false });
  const kept = await reachableFiles(io, after, after.snapshots, { liveOnly: true });
  return [...candidates].filter(([key]) => !kept.has(key)).map(([, uri]) => uri);
}

/**
 * Drops snapshots by age and/or count (never the current one or a ref's head), commits the
 * smaller metadata, and only then deletes the files that only expired snapshots reached. The
 * order matters: a crash after the commit leaves orphans for `removeOrphanFiles`; the reverse
 * would leave snapshots pointing at deleted files. Time travel to an expired snapshot ends here.
 */
export async function expireSnapshots(
  options: ExpireSnapshotsOptions,
): Promise<ExpireSnapshotsResult> {
  const { catalog, io, identifier } = options;
  const logger = options.logger.child({
    component: 'expire-snapshots',
    table: `${identifier.namespace}.${identifier.name}`,
  });
  const table = await catalog.loadTable(identifier);
  const policy: ExpiryPolicy = options;
  const planned = selectExpiredSnapshots(table.metadata, policy);
  if (planned.length === 0) return { expiredSnapshotIds: [], deletedFiles: [] };
  if (options.dryRun === true) {
    const after = withoutSnapshots(table.metadata, planned);
    return {
      expiredSnapshotIds: planned.map((s) => s['snapshot-id']),
      deletedFiles: await unreachableAfter(io, table.metadata, after, planned),
    };
  }

  // What the winning attempt decided, against the base it actually committed on.
  let decided = { base: table.metadata, expired: planned };
  const committed = await commitWithRetry({
    catalog,
    logger,
    base: table,
    maxAttempts: options.maxCommitAttempts ?? 10,
    async build({ metadata: base }) {
      const expired = selectExpiredSnapshots(base, policy);
      decided = { base, expired };
      return withoutSnapshots(base, expired);
    },
  });
  const deletedFiles = await unreachableAfter(
    io,
    decided.base,
    committed.metadata,
    decided.expired,
  );
  for (const uri of deletedFiles) await io.remove(uri);
  const expiredSnapshotIds = decided.expired.map((s) => s['snapshot-id']);
  logger.info({ expired: expiredSnapshotIds.length, deleted: deletedFiles.length }, 'expired');
  return { expiredSnapshotIds, deletedFiles };
}
