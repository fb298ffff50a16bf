import { LakeError } from '../errors.js';
import type { ColumnSpec } from './column-spec.js';
import type { IcebergField, IcebergSchema } from './types.js';

/**
 * Builds an Iceberg schema from column specs, assigning field ids the way Iceberg's
 * `TypeUtil.assignFreshIds` does: top-level fields 1..n first, then nested ids after them, so a
 * schema made here matches one another Iceberg client would create from the same columns.
 */
export function defineSchema(columns: readonly ColumnSpec[], schemaId = 0): IcebergSchema {
  const names = new Set<string>();
  for (const column of columns) {
    if (names.has(column.name)) {
      throw new LakeError('INVALID_SCHEMA', `duplicate column ${column.name}`, {
        context: { field: column.name },
      });
    }
    names.add(column.name);
  }
  let nextNestedId = columns.length + 1;
  const fields = columns.map((column, index): IcebergField => {
    const base = { id: index + 1, name: column.name, required: column.required === true };
    const withDoc = column.doc === undefined ? base : { ...base, doc: column.doc };
    if (typeof column.type === 'string') return { ...withDoc, type: column.type };
    const elementId = nextNestedId++;
    return {
      ...withDoc,
      type: {
        type: 'list',
        'element-id': elementId,
        element: column.type.list,
        'element-required': true,
      },
    };
  });
  return { type: 'struct', 'schema-id': schemaId, fields };
}
