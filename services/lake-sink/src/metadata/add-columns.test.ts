import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayPartitionSpec } from '../partition/index.js';
import { defineSchema } from '../schema/index.js';
import { withAddedColumns } from './add-columns.js';
import { currentSchema } from './current-snapshot.js';
import { newTableMetadata } from './new-table-metadata.js';

const schema = defineSchema([
  { name: 'id', type: 'string', required: true },
  { name: 'at', type: 'timestamptz', required: true },
  { name: 'features', type: { list: 'float' } },
]);
const base = newTableMetadata({
  location: 'file:///t',
  schema,
  spec: dayPartitionSpec(schema, 'at'),
  now: 1,
});

describe('withAddedColumns', () => {
  it('adds a new current schema above last-column-id and keeps the old one', () => {
    assert.equal(base['last-column-id'], 4);
    const next = withAddedColumns(base, [
      { name: 'country', type: 'string' },
      { name: 'tags', type: { list: 'string' } },
    ]);
    assert.equal(next['current-schema-id'], 1);
    assert.equal(next['last-column-id'], 7);
    assert.deepEqual(
      next.schemas.map((s) => s['schema-id']),
      [0, 1],
    );
    assert.deepEqual(
      currentSchema(next)
        .fields.slice(3)
        .map((f) => [f.id, f.name, f.required]),
      [
        [5, 'country', false],
        [6, 'tags', false],
      ],
    );
  });

  it('returns the base itself when every column already exists with its type', () => {
    const once = withAddedColumns(base, [{ name: 'country', type: 'string' }]);
    assert.equal(withAddedColumns(once, [{ name: 'country', type: 'string' }]), once);
    assert.equal(withAddedColumns(base, [{ name: 'features', type: { list: 'float' } }]), base);
  });

  it('refuses an existing column with another type', () => {
    assert.throws(() => withAddedColumns(base, [{ name: 'id', type: 'long' }]), {
      code: 'INVALID_SCHEMA',
    });
  });
});
