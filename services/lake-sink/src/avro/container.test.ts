import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SNAPSHOT_ID } from '../metadata/index.js';
import { decodeContainer, encodeContainer } from './container.js';

const schema = {
  type: 'record',
  name: 'r',
  fields: [
    { name: 'id', type: 'long', 'field-id': 7 },
    { name: 'name', type: ['null', 'string'], default: null, 'field-id': 8 },
  ],
};

describe('Avro container', () => {
  for (const codec of ['null', 'deflate'] as const) {
    it(`round-trips records and header keys (${codec})`, () => {
      const records = [
        { id: 1, name: 'a' },
        { id: MAX_SNAPSHOT_ID, name: null },
      ];
      const bytes = encodeContainer({
        schema,
        records,
        metadata: { 'format-version': '2' },
        codec,
      });
      const decoded = decodeContainer(bytes);
      assert.deepEqual(
        decoded.records.map((r) => ({ ...(r as object) })),
        records,
      );
      assert.equal(decoded.metadata['format-version'], '2');
      assert.equal(decoded.metadata['avro.codec'], codec);
    });
  }

  it('keeps the field ids in the header schema, which Iceberg readers need', () => {
    const bytes = encodeContainer({ schema, records: [{ id: 1, name: null }], metadata: {} });
    const header = JSON.parse(decodeContainer(bytes).metadata['avro.schema'] ?? '{}') as {
      fields: { 'field-id': number }[];
    };
    assert.deepEqual(
      header.fields.map((f) => f['field-id']),
      [7, 8],
    );
  });
});
