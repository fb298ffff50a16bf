import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snapshot } from '../metadata/index.js';
import { offsetsKey, offsetsSummary, readSnapshotOffsets } from './snapshot-offsets.js';

const snapshot = (summary: Record<string, string>): Snapshot => ({
  'snapshot-id': 1,
  'sequence-number': 1,
  'timestamp-ms': 0,
  'manifest-list': 'file:///m.avro',
  summary: { operation: 'append', ...summary },
  'schema-id': 0,
});

describe('offsets in the snapshot summary', () => {
  it('reads a topic’s offsets, none when the summary has none', () => {
    const summary = { [offsetsKey('t')]: '{"0":12,"3":7}' };
    assert.deepEqual(
      [...readSnapshotOffsets(summary, 't')],
      [
        [0, 12],
        [3, 7],
      ],
    );
    assert.equal(readSnapshotOffsets(summary, 'other').size, 0);
    assert.equal(readSnapshotOffsets(undefined, 't').size, 0);
  });

  it('refuses entries that are not partition → offset', () => {
    for (const text of ['[1]', '{"a":1}', '{"0":-1}', '{"0":"5"}', 'nope']) {
      assert.throws(() => readSnapshotOffsets({ [offsetsKey('t')]: text }, 't'), {
        code: 'INVALID_SUMMARY',
      });
    }
  });

  it('merges the covered partitions into what the parent carried, other keys included', () => {
    const parent = snapshot({
      [offsetsKey('t')]: '{"0":10,"1":20}',
      [offsetsKey('u')]: '{"0":5}',
      'total-records': '30',
    });
    const build = offsetsSummary(
      't',
      new Map([
        [1, 20],
        [2, 0],
      ]),
      new Map([
        [1, 25],
        [2, 4],
      ]),
    );
    const summary = build(parent);
    assert.equal(summary[offsetsKey('t')], '{"0":10,"1":25,"2":4}');
    assert.equal(summary[offsetsKey('u')], '{"0":5}');
    // Iceberg's own counters are recomputed by the writer, not carried.
    assert.equal(summary['total-records'], undefined);
    assert.equal(build(undefined)[offsetsKey('t')], '{"1":25,"2":4}');
  });

  it('refuses to commit over partitions another writer moved (the fence)', () => {
    const parent = snapshot({ [offsetsKey('t')]: '{"0":10,"1":30}' });
    const build = offsetsSummary('t', new Map([[1, 20]]), new Map([[1, 25]]));
    assert.throws(() => build(parent), { code: 'OFFSETS_MOVED' });
  });
});
