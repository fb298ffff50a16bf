import type { SchemaElement } from 'hyparquet';
import { isListType, type IcebergSchema, type PrimitiveTypeName } from '../schema/index.js';

/**
 * The Parquet physical/logical type of each Iceberg primitive, as Iceberg's own Parquet writer
 * maps them (iceberg parquet/TypeToMessageType). Readers match columns to Iceberg fields by the
 * `field_id` set alongside, never by name, which is what makes renames and evolution safe.
 */
function primitiveElement(type: PrimitiveTypeName): Omit<SchemaElement, 'name'> {
  switch (type) {
    case 'boolean':
      return { type: 'BOOLEAN' };
    case 'int':
      return { type: 'INT32' };
    case 'long':
      return { type: 'INT64' };
    case 'float':
      return { type: 'FLOAT' };
    case 'double':
      return { type: 'DOUBLE' };
    case 'string':
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'date':
      return { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'timestamp':
    case 'timestamptz':
      return {
        type: 'INT64',
        converted_type: 'TIMESTAMP_MICROS',
        logical_type: {
          type: 'TIMESTAMP',
          isAdjustedToUTC: type === 'timestamptz',
          unit: 'MICROS',
        },
      };
    case 'binary':
      return { type: 'BYTE_ARRAY' };
  }
}

/** Flattened Parquet schema (depth-first, as the Thrift footer stores it) with field ids. */
export function toParquetSchema(schema: IcebergSchema): SchemaElement[] {
  const elements: SchemaElement[] = [{ name: 'table', num_children: schema.fields.length }];
  for (const field of schema.fields) {
    const repetition = field.required ? 'REQUIRED' : 'OPTIONAL';
    if (!isListType(field.type)) {
      elements.push({
        name: field.name,
        repetition_type: repetition,
        field_id: field.id,
        ...primitiveElement(field.type),
      });
      continue;
    }
    // The three-level list layout the Parquet spec mandates (LogicalTypes.md, "Lists").
    elements.push(
      {
        name: field.name,
        repetition_type: repetition,
        num_children: 1,
        converted_type: 'LIST',
        logical_type: { type: 'LIST' },
        field_id: field.id,
      },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      {
        name: 'element',
        repetition_type: field.type['element-required'] ? 'REQUIRED' : 'OPTIONAL',
        field_id: field.type['element-id'],
        ...primitiveElement(field.type.element),
      },
    );
  }
  return elements;
}
