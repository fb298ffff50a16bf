import avro from 'avsc';
import type { createRegistry } from '@fraud/common';
import type { AvroRecordSchema, TypedRecordSchema } from './schema-types.js';
import { avscOptions, avroType } from './avro-type.js';
import { DeserializationError, SchemaRegistryError } from './errors.js';
import { readPayload } from './read-payload.js';
import { readWireFormat } from './wire-format.js';

/** What the decoder needs of the registry client (`createRegistry` from @fraud/common). */
export type WriterSchemaSource = Pick<ReturnType<typeof createRegistry>, 'getSchema'>;

export interface AvroDecoderOptions<T> {
  registry: WriterSchemaSource;
  /** The schema this consumer reads as; records of older or newer writers are resolved to it. */
  readerSchema: TypedRecordSchema<T> | AvroRecordSchema;
}

export interface AvroDecoder<T> {
  /** Decodes a record of any writer schema id, fetching an unseen writer schema once. */
  decode(bytes: Buffer): Promise<T>;
  /**
   * The fast path: decodes synchronously when the record's writer schema is already loaded and
   * returns undefined when it is not (then `await decode(bytes)`). Malformed bytes still throw.
   */
  decodeSync(bytes: Buffer): T | undefined;
  /** Loads a writer schema ahead of the first record, e.g. the id `registerSchemas` returned. */
  load(schemaId: number): Promise<void>;
}

/** How to read records of one writer schema id; a permanent failure is remembered as such. */
type Reading = { resolver: avro.Resolver } | { error: DeserializationError };

/**
 * Decodes Confluent wire-format Avro with schema evolution: each writer schema id is fetched
 * from the registry once and resolved against the reader schema (new fields get their
 * defaults, removed ones are skipped). Registry outages surface as retriable
 * SchemaRegistryError, never as DeserializationError, so a consumer does not dead-letter
 * good records while the registry is down.
 */
export function createAvroDecoder<T>({
  registry,
  readerSchema,
}: AvroDecoderOptions<T>): AvroDecoder<T> {
  const readerType = avroType(readerSchema);
  const readings = new Map<number, Reading>();
  const loading = new Map<number, Promise<Reading>>();

  async function fetchReading(schemaId: number): Promise<Reading> {
    let writer: unknown;
    try {
      writer = await registry.getSchema(schemaId);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) {
        throw new DeserializationError(
          'UNKNOWN_SCHEMA_ID',
          `schema id ${schemaId} is not in the schema registry`,
          { schemaId, cause: error },
        );
      }
      throw new SchemaRegistryError(
        `cannot fetch writer schema ${schemaId}: ${error instanceof Error ? error.message : String(error)}`,
        { ...(status === undefined ? {} : { status }), cause: error },
      );
    }
    if (!avro.Type.isType(writer)) {
      const error = new DeserializationError(
        'INCOMPATIBLE_WRITER_SCHEMA',
        `schema id ${schemaId} is not an Avro schema`,
        { schemaId },
      );
      return { error };
    }
    try {
      // Rebuilt with our own avsc options: the client may have built it with others.
      const writerType = avro.Type.forSchema((writer as avro.Type).schema(), avscOptions());
      return { resolver: readerType.createResolver(writerType) };
    } catch (cause) {
      const error = new DeserializationError(
        'INCOMPATIBLE_WRITER_SCHEMA',
        `records written with schema id ${schemaId} cannot be read as ${readerSchema.name}: ${cause instanceof Error ? cause.message : String(cause)}`,
        { schemaId, cause },
      );
      return { error };
    }
  }

  function load(schemaId: number): Promise<Reading> {
    const known = readings.get(schemaId);
    if (known !== undefined) return Promise.resolve(known);
    let pending = loading.get(schemaId);
    if (pending === undefined) {
      pending = fetchReading(schemaId)
        .then((reading) => {
          readings.set(schemaId, reading);
          return reading;
        })
        .finally(() => loading.delete(schemaId));
      loading.set(schemaId, pending);
    }
    return pending;
  }

  function read(reading: Reading, payload: Buffer, schemaId: number): T {
    if ('error' in reading) throw reading.error;
    return readPayload<T>(readerType, payload, schemaId, reading.resolver);
  }

  return {
    async decode(bytes) {
      const { schemaId, payload } = readWireFormat(bytes);
      return read(await load(schemaId), payload, schemaId);
    },
    decodeSync(bytes) {
      const { schemaId, payload } = readWireFormat(bytes);
      const reading = readings.get(schemaId);
      return reading === undefined ? undefined : read(reading, payload, schemaId);
    },
    async load(schemaId) {
      const reading = await load(schemaId);
      if ('error' in reading) throw reading.error;
    },
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    return typeof error.status === 'number' ? error.status : undefined;
  }
  return undefined;
}
