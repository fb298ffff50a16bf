import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInt64BE, writeInt64BE } from './int64.js';

test('int64 big-endian matches the BigInt layout for safe integers and beyond', () => {
  const values = [
    0,
    1,
    -1,
    255,
    -256,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 32,
    -(2 ** 32),
    1_795_457_244_392,
    -1_795_457_244_392,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    2 ** 60,
    -(2 ** 62),
  ];
  for (const value of values) {
    const ours = Buffer.alloc(10);
    const reference = Buffer.alloc(10);
    writeInt64BE(ours, value, 1);
    reference.writeBigInt64BE(BigInt(value), 1);
    assert.deepEqual(ours, reference, `write ${value}`);
    assert.equal(readInt64BE(reference, 1), Number(reference.readBigInt64BE(1)), `read ${value}`);
  }
  assert.throws(() => writeInt64BE(Buffer.alloc(8), 1.5), RangeError);
});
