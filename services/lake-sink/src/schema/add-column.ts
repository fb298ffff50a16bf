import { LakeError } from '../errors.js';
import type { ColumnSpec } from './column-spec.js';
import type { IcebergField, IcebergSchema } from './types.js';

/**
 * Schema evolution by adding one optional column: a new schema id and fresh field ids above
 * `lastColumnId`, so old data files (which lack the id) read the column as null and nothing is
 * rewritten. Required columns cannot be added: old rows would have no value for them.
 */
export function addColumn(
  schema: IcebergSchema,
  column: ColumnSpec,
  lastColumnId: number,
  newSchemaId: number,
): IcebergSchema {
  if (column.required === true) {
    throw new LakeError('INVALID_SCHEMA', `an added column must be optional: ${column.name}`, {
      context: { field: column.name },
    });
  }
  if (schema.fields.some((f) => f.name === column.name)) {
    throw new LakeError('INVALID_SCHEMA', `column ${column.name} already exists`, {
      context: { field: column.name },
    });
  }
  const id = lastColumnId + 1;
  const base = { id, name: column.name, required: false };
  const withDoc = column.doc === undefined ? base : { ...base, doc: column.doc };
  const field: IcebergField =
    typeof column.type === 'string'
      ? { ...withDoc, type: column.type }
      : {
          ...withDoc,
          type: {
            type: 'list',
            'element-id': id + 1,
            element: column.type.list,
            'element-required': true,
          },
        };
  return { type: 'struct', 'schema-id': newSchemaId, fields: [...schema.fields, field] };
}
