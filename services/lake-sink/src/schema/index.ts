export type {
  IcebergField,
  IcebergListType,
  IcebergSchema,
  IcebergType,
  PrimitiveTypeName,
} from './types.js';
export { highestFieldId, isListType } from './types.js';
export type { ColumnSpec, PrimitiveValue, RowOf } from './column-spec.js';
export { defineSchema } from './define-schema.js';
export { addColumn } from './add-column.js';
export { encodeSingleValue } from './single-value.js';
