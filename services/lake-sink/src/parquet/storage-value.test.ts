import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineSchema } from '../schema/index.js';
import { encodeDataFile } from './encode-data-file.js';
import { toStorageValue } from './storage-value.js';

describe('toStorageValue', () => {
  it('converts to Parquet storage form', () => {
    assert.equal(toStorageValue('timestamptz', new Date(1_500), 'f'), 1_500_000n);
    assert.equal(toStorageValue('date', new Date('1970-01-03T05:00:00Z'), 'f'), 2);
    assert.equal(toStorageValue('long', 7, 'f'), 7n);
    // Microseconds pass through: compaction rewrites stored timestamps without truncation.
    assert.equal(toStorageValue('timestamptz', 1_500_001n, 'f'), 1_500_001n);
  });

  it('rejects values of the wrong type with INVALID_ROW naming the field', () => {
    assert.throws(() => toStorageValue('int', 2 ** 31, 'n'), { code: 'INVALID_ROW' });
    assert.throws(() => toStorageValue('long', 0.5, 'amount'), /amount/);
    assert.throws(() => toStorageValue('timestamptz', '2024-01-01', 't'), { code: 'INVALID_ROW' });
  });
});

describe('encodeDataFile', () => {
  const schema = defineSchema([
    { name: 'id', type: 'string', required: true },
    { name: 'score', type: 'double' },
  ]);

  it('counts values and nulls and keeps NaN out of the bounds', () => {
    const file = encodeDataFile(schema, [
      { id: 'a', score: 0.5 },
      { id: 'b', score: null },
      { id: 'c', score: Number.NaN },
    ]);
    assert.equal(file.recordCount, 3);
    assert.equal(file.metrics.nullValueCounts.get(2), 1);
    const lower = file.metrics.lowerBounds.get(2);
    assert.equal(lower && new DataView(lower.buffer).getFloat64(0, true), 0.5);
    assert.deepEqual([...new Uint8Array(file.bytes.slice(0, 4))], [0x50, 0x41, 0x52, 0x31]);
  });

  it('refuses a row missing a required column', () => {
    assert.throws(() => encodeDataFile(schema, [{ score: 1 }]), { code: 'INVALID_ROW' });
  });
});
