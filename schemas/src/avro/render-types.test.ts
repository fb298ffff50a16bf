import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTypesModule } from './render-types.js';
import type { AvroRecordSchema } from './schema-types.js';

const render = (schema: AvroRecordSchema): string =>
  renderTypesModule([{ topic: 't.x', file: 't.x.avsc', schema }]);

test('maps Avro types onto TypeScript, with docs, nested records and a typed schema constant', () => {
  const out = render({
    type: 'record',
    name: 'Thing',
    namespace: 'test.v1',
    doc: 'a thing',
    fields: [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'when' },
      { name: 'count', type: 'long' },
      { name: 'ok', type: 'boolean' },
      { name: 'raw', type: 'bytes' },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      { name: 'weights', type: { type: 'map', values: 'double' } },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
      {
        name: 'parts',
        type: {
          type: 'array',
          items: { type: 'record', name: 'Part', fields: [{ name: 'n', type: 'int' }] },
        },
      },
      { name: 'firstPart', type: ['null', 'Part'], default: null },
    ],
  });
  for (const line of [
    '/** a thing. */\nexport interface Thing {',
    '/** UUID. */\nid: string;',
    '/** when. Epoch milliseconds (timestamp-millis). */\nat: number;',
    'count: number;',
    'ok: boolean;',
    'raw: Buffer;',
    '/** Default: null. */\nnote: string | null;',
    'tags: string[];',
    'weights: Record<string, number>;',
    'export type Kind = "A" | "B";',
    'kind: Kind;',
    'export interface Part {\nn: number;\n}',
    'parts: Part[];',
    'firstPart: Part | null;',
    'export const THING_SCHEMA: TypedRecordSchema<Thing> = {',
    '"t.x": THING_SCHEMA,',
  ]) {
    assert.ok(out.includes(line), `expected ${JSON.stringify(line)} in:\n${out}`);
  }
});

test('refuses unions it cannot type faithfully, naming the file', () => {
  assert.throws(
    () =>
      render({
        type: 'record',
        name: 'Bad',
        fields: [{ name: 'v', type: ['string', 'long'] }],
      }),
    /avro\/t\.x\.avsc: unions other than \[null, T\]/,
  );
});

test('refuses two named types that would share a TypeScript name', () => {
  assert.throws(
    () =>
      renderTypesModule([
        {
          topic: 'a',
          file: 'a.avsc',
          schema: { type: 'record', name: 'Same', namespace: 'one', fields: [] },
        },
        {
          topic: 'b',
          file: 'b.avsc',
          schema: { type: 'record', name: 'Same', namespace: 'two', fields: [] },
        },
      ]),
    /one\.Same and two\.Same would both be called Same/,
  );
});
