import { LakeError } from '../errors.js';
import { addColumn, highestFieldId, type ColumnSpec, type IcebergField } from '../schema/index.js';
import { currentSchema } from './current-snapshot.js';
import type { TableMetadata } from './types.js';

const sameType = (field: IcebergField, column: ColumnSpec): boolean =>
  typeof column.type === 'string'
    ? field.type === column.type
    : typeof field.type === 'object' && field.type.element === column.type.list;

/**
 * Adds optional columns as a new current schema (spec "Schema Evolution"): fresh field ids
 * above `last-column-id`, the old schemas kept so old snapshots still resolve. Data files are
 * untouched; readers fill the new ids with null for files that lack them.
 *
 * Columns already present with the same type are skipped, so two sink instances that both saw
 * a new Avro field converge instead of failing; the base comes back unchanged when nothing is
 * new. A present column of another type is an incompatible change and refused.
 */
export function withAddedColumns(
  base: TableMetadata,
  columns: readonly ColumnSpec[],
): TableMetadata {
  let schema = currentSchema(base);
  let lastColumnId = base['last-column-id'];
  const newSchemaId = Math.max(...base.schemas.map((s) => s['schema-id'])) + 1;
  for (const column of columns) {
    const existing = schema.fields.find((f) => f.name === column.name);
    if (existing !== undefined) {
      if (!sameType(existing, column)) {
        throw new LakeError('INVALID_SCHEMA', `column ${column.name} exists with another type`, {
          context: { field: column.name },
        });
      }
      continue;
    }
    schema = addColumn(schema, column, lastColumnId, newSchemaId);
    lastColumnId = Math.max(lastColumnId, highestFieldId(schema));
  }
  if (schema === currentSchema(base)) return base;
  return {
    ...base,
    'last-updated-ms': Math.max(Date.now(), base['last-updated-ms']),
    'last-column-id': lastColumnId,
    'current-schema-id': newSchemaId,
    schemas: [...base.schemas, schema],
  };
}
