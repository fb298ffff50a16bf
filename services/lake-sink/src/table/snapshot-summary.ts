import { LakeError } from '../errors.js';
import type { DataFile } from '../manifest/index.js';
import type { Snapshot, SnapshotOperation } from '../metadata/index.js';

/** Keys Iceberg itself computes; callers' extra keys must not shadow them. */
const RESERVED = new Set([
  'operation',
  'added-data-files',
  'deleted-data-files',
  'added-records',
  'deleted-records',
  'added-files-size',
  'removed-files-size',
  'changed-partition-count',
  'total-records',
  'total-files-size',
  'total-data-files',
  'total-delete-files',
  'total-position-deletes',
  'total-equality-deletes',
]);

export function checkExtraSummary(extra: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(extra)) {
    if (RESERVED.has(key)) {
      throw new LakeError('INVALID_SUMMARY', `snapshot summary key ${key} is reserved by Iceberg`);
    }
  }
}

/**
 * The caller-defined entries of a snapshot's summary (the sink's Kafka offsets among them).
 * Maintenance snapshots change no data, so they carry these forward: the sink resumes from
 * the current snapshot's summary, whichever operation made it.
 */
export function carriedSummary(previous: Snapshot | undefined): Record<string, string> {
  const carried: Record<string, string> = {};
  for (const [key, value] of Object.entries(previous?.summary ?? {})) {
    if (key !== 'operation' && !RESERVED.has(key)) carried[key] = value;
  }
  return carried;
}

const total = (previous: Snapshot | undefined, key: string): number =>
  Number(previous?.summary[key] ?? 0);

/**
 * The summary Iceberg Java writes (SnapshotSummary), so readers and tools that show totals
 * without opening manifests (pyiceberg's `inspect`, Spark's `snapshots` table) agree.
 */
export function snapshotSummary(
  operation: SnapshotOperation,
  previous: Snapshot | undefined,
  added: readonly DataFile[],
  removed: readonly DataFile[],
  extra: Readonly<Record<string, string>>,
): Snapshot['summary'] {
  const sum = (files: readonly DataFile[], pick: (f: DataFile) => number) =>
    files.reduce((acc, f) => acc + pick(f), 0);
  const addedRecords = sum(added, (f) => f.recordCount);
  const removedRecords = sum(removed, (f) => f.recordCount);
  const addedSize = sum(added, (f) => f.fileSizeInBytes);
  const removedSize = sum(removed, (f) => f.fileSizeInBytes);
  const partitions = new Set([...added, ...removed].map((f) => JSON.stringify(f.partition)));
  const counts: Record<string, number> = {
    'added-data-files': added.length,
    'deleted-data-files': removed.length,
    'added-records': addedRecords,
    'deleted-records': removedRecords,
    'added-files-size': addedSize,
    'removed-files-size': removedSize,
    'changed-partition-count': partitions.size,
    'total-records': total(previous, 'total-records') + addedRecords - removedRecords,
    'total-files-size': total(previous, 'total-files-size') + addedSize - removedSize,
    'total-data-files': total(previous, 'total-data-files') + added.length - removed.length,
    'total-delete-files': 0,
    'total-position-deletes': 0,
    'total-equality-deletes': 0,
  };
  const summary: Record<string, string> = { ...extra };
  for (const [key, value] of Object.entries(counts)) {
    // Java omits zero "added/deleted" counters; totals are always present.
    if (value !== 0 || key.startsWith('total-')) summary[key] = String(value);
  }
  return { ...summary, operation };
}
