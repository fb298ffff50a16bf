/**
 * Iceberg schema JSON as the spec writes it (format/spec.md, "Schemas"). These shapes are
 * serialised verbatim into table metadata and manifest headers, hence the kebab-case keys.
 */
export type PrimitiveTypeName =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'string'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'binary';

export interface IcebergListType {
  readonly type: 'list';
  readonly 'element-id': number;
  readonly element: PrimitiveTypeName;
  readonly 'element-required': boolean;
}

export type IcebergType = PrimitiveTypeName | IcebergListType;

export interface IcebergField {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: IcebergType;
  readonly doc?: string;
}

export interface IcebergSchema {
  readonly type: 'struct';
  readonly 'schema-id': number;
  readonly fields: readonly IcebergField[];
}

export const isListType = (type: IcebergType): type is IcebergListType =>
  typeof type === 'object' && type.type === 'list';

/** The highest field id a schema uses, nested ids included (metadata's `last-column-id`). */
export function highestFieldId(schema: IcebergSchema): number {
  let max = 0;
  for (const field of schema.fields) {
    max = Math.max(max, field.id, isListType(field.type) ? field.type['element-id'] : 0);
  }
  return max;
}
