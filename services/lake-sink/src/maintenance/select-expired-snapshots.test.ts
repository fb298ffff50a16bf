import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addSnapshot, newTableMetadata, type TableMetadata } from '../metadata/index.js';
import { UNPARTITIONED } from '../partition/index.js';
import { defineSchema } from '../schema/index.js';
import { selectExpiredSnapshots, withoutSnapshots } from './select-expired-snapshots.js';

/** A table with snapshots 1..n committed at t = 100, 200, ... */
function tableWith(n: number): TableMetadata {
  let metadata = newTableMetadata({
    location: 'file:///t',
    schema: defineSchema([{ name: 'id', type: 'string' }]),
    spec: UNPARTITIONED,
    now: 0,
  });
  for (let id = 1; id <= n; id++) {
    metadata = addSnapshot(metadata, {
      'snapshot-id': id,
      ...(id > 1 ? { 'parent-snapshot-id': id - 1 } : {}),
      'sequence-number': id,
      'timestamp-ms': id * 100,
      'manifest-list': `file:///t/metadata/snap-${id}.avro`,
      summary: { operation: 'append' },
      'schema-id': 0,
    });
  }
  return metadata;
}

const ids = (snapshots: readonly { 'snapshot-id': number }[]) =>
  snapshots.map((s) => s['snapshot-id']);

describe('selectExpiredSnapshots', () => {
  const metadata = tableWith(5);

  it('expires snapshots older than the cutoff but never the current one', () => {
    assert.deepEqual(ids(selectExpiredSnapshots(metadata, { olderThanMs: 350 })), [1, 2, 3]);
    assert.deepEqual(ids(selectExpiredSnapshots(metadata, { olderThanMs: 10_000 })), [1, 2, 3, 4]);
  });

  it('keeps the last N ancestors whatever their age', () => {
    assert.deepEqual(ids(selectExpiredSnapshots(metadata, { retainLast: 2 })), [1, 2, 3]);
    assert.deepEqual(
      ids(selectExpiredSnapshots(metadata, { olderThanMs: 10_000, retainLast: 4 })),
      [1],
    );
  });

  it('keeps tag heads', () => {
    const tagged = {
      ...metadata,
      refs: { ...metadata.refs, audit: { 'snapshot-id': 2, type: 'tag' as const } },
    };
    assert.deepEqual(ids(selectExpiredSnapshots(tagged, { retainLast: 1 })), [1, 3, 4]);
  });
});

describe('withoutSnapshots', () => {
  it('drops the snapshots and trims the log to a contiguous tail', () => {
    const metadata = tableWith(5);
    const next = withoutSnapshots(metadata, selectExpiredSnapshots(metadata, { olderThanMs: 350 }));
    assert.deepEqual(ids(next.snapshots), [4, 5]);
    assert.deepEqual(ids(next['snapshot-log']), [4, 5]);
    assert.equal(next['current-snapshot-id'], 5);
    assert.deepEqual(next.refs, { main: { 'snapshot-id': 5, type: 'branch' } });
  });
});
