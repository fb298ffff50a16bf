import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addColumn } from './add-column.js';
import { defineSchema } from './define-schema.js';
import { highestFieldId } from './types.js';

describe('defineSchema', () => {
  it('numbers top-level fields first and nested ids after them, as Iceberg does', () => {
    const schema = defineSchema([
      { name: 'id', type: 'string', required: true },
      { name: 'features', type: { list: 'float' } },
      { name: 'at', type: 'timestamptz', required: true },
    ]);
    assert.deepEqual(
      schema.fields.map((f) => [f.name, f.id, f.required]),
      [
        ['id', 1, true],
        ['features', 2, false],
        ['at', 3, true],
      ],
    );
    assert.deepEqual(schema.fields[1]?.type, {
      type: 'list',
      'element-id': 4,
      element: 'float',
      'element-required': true,
    });
    assert.equal(highestFieldId(schema), 4);
  });

  it('refuses duplicate names', () => {
    assert.throws(
      () =>
        defineSchema([
          { name: 'a', type: 'int' },
          { name: 'a', type: 'long' },
        ]),
      { code: 'INVALID_SCHEMA' },
    );
  });
});

describe('addColumn', () => {
  const base = defineSchema([{ name: 'id', type: 'string', required: true }]);

  it('adds an optional column with a fresh id under a new schema id', () => {
    const next = addColumn(base, { name: 'country', type: 'string' }, 1, 1);
    assert.equal(next['schema-id'], 1);
    assert.deepEqual(next.fields[1], { id: 2, name: 'country', required: false, type: 'string' });
  });

  it('refuses a required column, which old rows could not fill', () => {
    assert.throws(() => addColumn(base, { name: 'x', type: 'int', required: true }, 1, 1), {
      code: 'INVALID_SCHEMA',
    });
  });
});
