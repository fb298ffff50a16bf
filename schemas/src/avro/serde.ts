import type { AvroRecordSchema, TypedRecordSchema } from './schema-types.js';
import { avroType, invalidPaths } from './avro-type.js';
import { DeserializationError, SerializationError } from './errors.js';
import { readPayload } from './read-payload.js';
import { readWireFormat, writeWireFormat } from './wire-format.js';

export interface AvroSerde<T> {
  /** Validates and encodes in Confluent wire format with the serde's schema id. */
  serialize(value: T): Buffer;
  /**
   * Decodes a record written with exactly this schema id. Records of other writer schemas
   * (older versions) need `createAvroDecoder`, which resolves them against the reader schema.
   */
  deserialize(bytes: Buffer): T;
}

/**
 * A synchronous serde for one schema, built once at start-up after `registerSchemas` gave its
 * id. The type parameter is inferred from a generated schema constant.
 */
export function createAvroSerde<T>(
  schema: TypedRecordSchema<T> | AvroRecordSchema,
  schemaId: number,
): AvroSerde<T> {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fffffff) {
    throw new RangeError(`schema id must be a non-negative 32-bit integer, got ${schemaId}`);
  }
  const type = avroType(schema);
  return {
    serialize(value) {
      // Validating first gives the offending field paths; avsc's own write errors do not, and
      // some invalid values (a string for a double) would otherwise encode silently as garbage.
      if (!type.isValid(value))
        throw new SerializationError(schema.name, invalidPaths(type, value));
      return writeWireFormat(schemaId, type.toBuffer(value));
    },
    deserialize(bytes) {
      const record = readWireFormat(bytes);
      if (record.schemaId !== schemaId) {
        throw new DeserializationError(
          'UNKNOWN_SCHEMA_ID',
          `record written with schema id ${record.schemaId}, this serde reads only ${schemaId} (${schema.name}); use createAvroDecoder to read other writer schemas`,
          { schemaId: record.schemaId },
        );
      }
      return readPayload<T>(type, record.payload, schemaId);
    },
  };
}
