import avro from 'avsc';
import type { AvroSchema } from './schema-types.js';

/**
 * The avsc options every serde here relies on: unions of null and one type unwrapped
 * (`T | null`, as the generated types say); logical types are not registered, so uuid decodes
 * as a string and timestamp-millis as epoch milliseconds, matching the generated types.
 */
export const avscOptions = (): Partial<avro.ForSchemaOptions> => ({ wrapUnions: 'auto' });

/** The avsc type of one of our schemas. */
export function avroType(schema: AvroSchema): avro.Type {
  // avsc's schema typings are mutable where ours are readonly; the JSON is the same.
  return avro.Type.forSchema(schema as avro.Schema, avscOptions());
}

/** Field paths where a value does not match its type, e.g. `reasons.0.code`. */
export function invalidPaths(type: avro.Type, value: unknown): string[] {
  const paths: string[] = [];
  type.isValid(value, {
    errorHook: (path) => paths.push(path.length === 0 ? '(root)' : path.join('.')),
  });
  return paths;
}
