/**
 * The subset of Avro schema JSON this project writes in `avro/*.avsc`. Readonly because the
 * topic schemas are shared constants: nobody should edit one in place.
 */
export type AvroPrimitive =
  'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface AvroLogicalSchema {
  readonly type: AvroPrimitive;
  readonly logicalType: string;
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: unknown;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

export type AvroSchema =
  | AvroPrimitive
  | AvroLogicalSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroEnumSchema
  | AvroRecordSchema
  | readonly AvroSchema[]
  /** A reference to a named type defined earlier in the same schema. */
  | string;

declare const valueType: unique symbol;

/**
 * A record schema that remembers the TypeScript type of its values, so
 * `createAvroSerde(SCORED_PAYMENT_SCHEMA, id)` infers `ScoredPayment` without a type argument.
 * The marker exists only in the type system.
 */
export type TypedRecordSchema<T> = AvroRecordSchema & { readonly [valueType]?: T };
