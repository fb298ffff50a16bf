import type { PrimitiveTypeName } from './types.js';

/**
 * How callers describe a table's columns. Declared `as const`, a list of specs gives both the
 * Iceberg schema (ids assigned by `defineSchema`) and the TypeScript row type (`RowOf`).
 */
export interface ColumnSpec {
  readonly name: string;
  readonly type: PrimitiveTypeName | { readonly list: PrimitiveTypeName };
  readonly required?: boolean;
  readonly doc?: string;
}

/** The JavaScript value each Iceberg primitive takes in a row. */
export interface PrimitiveValue {
  boolean: boolean;
  int: number;
  // A long arrives as bigint from Avro decoders or as a safe-integer number from JSON.
  long: bigint | number;
  float: number;
  double: number;
  string: string;
  date: Date;
  timestamp: Date;
  timestamptz: Date;
  binary: Uint8Array;
}

type ValueOf<T extends ColumnSpec['type']> = T extends { readonly list: infer E }
  ? E extends PrimitiveTypeName
    ? readonly PrimitiveValue[E][]
    : never
  : T extends PrimitiveTypeName
    ? PrimitiveValue[T]
    : never;

/** The row type of a table: required columns are required keys, the rest may be absent or null. */
export type RowOf<C extends readonly ColumnSpec[]> = {
  readonly [S in C[number] as S extends { readonly required: true } ? S['name'] : never]: ValueOf<
    S['type']
  >;
} & {
  readonly [S in C[number] as S extends { readonly required: true } ? never : S['name']]?: ValueOf<
    S['type']
  > | null;
};
