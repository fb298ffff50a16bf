import type { Snapshot, TableMetadata } from '../metadata/index.js';
import { currentSnapshot, snapshotById } from '../metadata/index.js';

export interface ExpiryPolicy {
  /** Snapshots committed before this instant (epoch ms) may expire. */
  readonly olderThanMs?: number;
  /** The current snapshot and its most recent ancestors kept whatever their age; at least 1. */
  readonly retainLast?: number;
}

/**
 * The snapshots a policy expires, as Iceberg's ExpireSnapshots decides: never a branch or tag
 * head (so never the current snapshot), never one of the last `retainLast` ancestors of the
 * current snapshot, and, when `olderThanMs` is set, only snapshots older than it.
 */
export function selectExpiredSnapshots(metadata: TableMetadata, policy: ExpiryPolicy): Snapshot[] {
  const keep = new Set(Object.values(metadata.refs).map((ref) => ref['snapshot-id']));
  let ancestor = currentSnapshot(metadata);
  for (let i = 0; i < Math.max(1, policy.retainLast ?? 1) && ancestor !== undefined; i++) {
    keep.add(ancestor['snapshot-id']);
    const parent = ancestor['parent-snapshot-id'];
    ancestor = parent === undefined ? undefined : snapshotById(metadata, parent);
  }
  return metadata.snapshots.filter(
    (s) =>
      !keep.has(s['snapshot-id']) &&
      (policy.olderThanMs === undefined || s['timestamp-ms'] < policy.olderThanMs),
  );
}

/**
 * The metadata without the expired snapshots. The snapshot log keeps only the entries after
 * the last expired one, as Java's TableMetadata does: history must stay a contiguous run of
 * snapshots that still exist, or readers walking it would hit unknown ids.
 */
export function withoutSnapshots(
  metadata: TableMetadata,
  expired: readonly Snapshot[],
): TableMetadata {
  const gone = new Set(expired.map((s) => s['snapshot-id']));
  const log = metadata['snapshot-log'];
  const lastGone = log.findLastIndex((entry) => gone.has(entry['snapshot-id']));
  const refs = Object.fromEntries(
    Object.entries(metadata.refs).filter(([, ref]) => !gone.has(ref['snapshot-id'])),
  );
  return {
    ...metadata,
    'last-updated-ms': Math.max(Date.now(), metadata['last-updated-ms']),
    snapshots: metadata.snapshots.filter((s) => !gone.has(s['snapshot-id'])),
    'snapshot-log': log.slice(lastGone + 1),
    refs,
  };
}
