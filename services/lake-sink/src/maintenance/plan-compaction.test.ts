import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataFile } from '../manifest/index.js';
import { planCompaction } from './plan-compaction.js';

const file = (name: string, day: number, size: number): DataFile => ({
  filePath: name,
  fileSizeInBytes: size,
  recordCount: 1,
  partition: [day],
  valueCounts: new Map(),
  nullValueCounts: new Map(),
  lowerBounds: new Map(),
  upperBounds: new Map(),
});

describe('planCompaction', () => {
  const options = { targetFileSizeBytes: 1000, minInputFiles: 2 };

  it('groups small files per partition and sizes the output', () => {
    const groups = planCompaction(
      [file('a', 1, 400), file('b', 1, 400), file('c', 1, 400), file('d', 2, 100)],
      options,
    );
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]?.partition, [1]);
    assert.deepEqual(
      groups[0]?.inputs.map((f) => f.filePath),
      ['a', 'b', 'c'],
    );
    assert.equal(groups[0]?.outputFileCount, 2);
  });

  it('leaves files near the target and lone small files alone', () => {
    assert.deepEqual(planCompaction([file('a', 1, 900), file('b', 1, 800)], options), []);
    assert.deepEqual(planCompaction([file('a', 1, 100), file('b', 1, 900)], options), []);
    assert.deepEqual(
      planCompaction([file('a', 1, 100), file('b', 1, 100)], { ...options, minInputFiles: 3 }),
      [],
    );
  });
});
