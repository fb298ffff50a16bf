import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packValues, unpackValues } from './packed-values.js';

describe('packed values', () => {
  it('round-trip values, empty and null ones included, in order', () => {
    const values = [Buffer.from('abc'), null, Buffer.alloc(0), Buffer.from([0, 255])];
    const packed = packValues(values);
    assert.equal(packed.data.byteLength, 5);
    assert.deepEqual(unpackValues(packed), values);
  });
});
