import { test } from 'node:test';
import assert from 'node:assert/strict';
import avro from 'avsc';
import { createAvroDecoder, type WriterSchemaSource } from './decoder.js';
import { createAvroSerde } from './serde.js';
import { DeserializationError, SchemaRegistryError } from './errors.js';
import type { AvroRecordSchema } from './schema-types.js';

// A registry stand-in: the decoder needs only getSchema(id), and the real client is exercised
// in test/avro-registry.test.ts.
class FakeRegistry {
  calls = 0;
  constructor(private readonly schemas: Map<number, AvroRecordSchema | Error>) {}
  readonly source: WriterSchemaSource = {
    getSchema: async (id: number) => {
      this.calls += 1;
      const schema = this.schemas.get(id);
      if (schema === undefined) throw Object.assign(new Error('not found'), { status: 404 });
      if (schema instanceof Error) throw schema;
      return avro.Type.forSchema(schema as avro.Schema) as Awaited<
        ReturnType<WriterSchemaSource['getSchema']>
      >;
    },
  };
}

const v1: AvroRecordSchema = {
  type: 'record',
  name: 'Payment',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'legacy', type: 'int' },
  ],
};
const v2: AvroRecordSchema = {
  type: 'record',
  name: 'Payment',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'channel', type: 'string', default: 'online' },
    { name: 'mcc', type: ['null', 'string'], default: null },
  ],
};
interface PaymentV2 {
  id: string;
  channel: string;
  mcc: string | null;
}

test('reads old and new writers with the reader schema, fetching each writer once', async () => {
  const registry = new FakeRegistry(
    new Map([
      [1, v1],
      [2, v2],
    ]),
  );
  const decoder = createAvroDecoder<PaymentV2>({ registry: registry.source, readerSchema: v2 });
  const old = createAvroSerde<{ id: string; legacy: number }>(v1, 1).serialize({
    id: 'a',
    legacy: 5,
  });
  const current = createAvroSerde<PaymentV2>(v2, 2).serialize({
    id: 'b',
    channel: 'pos',
    mcc: '5411',
  });

  assert.equal(decoder.decodeSync(old), undefined, 'writer 1 not loaded yet');
  const [first, second] = await Promise.all([decoder.decode(old), decoder.decode(old)]);
  assert.deepEqual(structuredClone(first), { id: 'a', channel: 'online', mcc: null });
  assert.deepEqual(structuredClone(second), structuredClone(first));
  assert.equal(registry.calls, 1, 'concurrent first reads share one fetch');

  assert.deepEqual(structuredClone(decoder.decodeSync(old)), {
    id: 'a',
    channel: 'online',
    mcc: null,
  });
  await decoder.load(2);
  assert.deepEqual(structuredClone(decoder.decodeSync(current)), {
    id: 'b',
    channel: 'pos',
    mcc: '5411',
  });
  assert.equal(registry.calls, 2);
});

test('an unknown schema id is a DeserializationError; a registry outage is retriable', async () => {
  const registry = new FakeRegistry(
    new Map<number, AvroRecordSchema | Error>([
      [2, v2],
      [3, Object.assign(new Error('Service Unavailable'), { status: 503 })],
      [4, new Error('connect ECONNREFUSED 127.0.0.1:18081')],
    ]),
  );
  const decoder = createAvroDecoder<PaymentV2>({ registry: registry.source, readerSchema: v2 });
  const record = createAvroSerde<PaymentV2>(v2, 2).serialize({
    id: 'x',
    channel: 'pos',
    mcc: null,
  });
  const withId = (id: number) => {
    const bytes = Buffer.from(record);
    bytes.writeInt32BE(id, 1);
    return bytes;
  };
  await assert.rejects(
    decoder.decode(withId(99)),
    (e: unknown) =>
      e instanceof DeserializationError && e.reason === 'UNKNOWN_SCHEMA_ID' && e.schemaId === 99,
  );
  await assert.rejects(
    decoder.decode(withId(3)),
    (e: unknown) => e instanceof SchemaRegistryError && e.retriable && e.status === 503,
  );
  await assert.rejects(
    decoder.decode(withId(4)),
    (e: unknown) =>
      e instanceof SchemaRegistryError && e.retriable && /ECONNREFUSED/.test(e.message),
  );
  // Failures are not cached: once the registry answers, the same record decodes.
  const before = registry.calls;
  await assert.rejects(decoder.decode(withId(4)), SchemaRegistryError);
  assert.equal(registry.calls, before + 1);
  await assert.rejects(decoder.decode(Buffer.from([1, 0, 0, 0, 2])), {
    code: 'AVRO_BAD_MAGIC_BYTE',
  });
  await assert.rejects(decoder.decode(withId(2).subarray(0, 7)), { code: 'AVRO_TRUNCATED' });
});

test('a writer schema the reader cannot resolve is refused for good, without refetching', async () => {
  const other: AvroRecordSchema = {
    type: 'record',
    name: 'Payment',
    fields: [{ name: 'id', type: 'long' }],
  };
  const registry = new FakeRegistry(new Map([[5, other]]));
  const decoder = createAvroDecoder<PaymentV2>({ registry: registry.source, readerSchema: v2 });
  const bytes = createAvroSerde<{ id: number }>(other, 5).serialize({ id: 1 });
  for (let i = 0; i < 2; i++) {
    await assert.rejects(
      decoder.decode(bytes),
      (e: unknown) =>
        e instanceof DeserializationError &&
        e.reason === 'INCOMPATIBLE_WRITER_SCHEMA' &&
        /schema id 5 cannot be read as Payment/.test(e.message),
    );
  }
  assert.equal(registry.calls, 1);
  assert.throws(() => decoder.decodeSync(bytes), { code: 'AVRO_INCOMPATIBLE_WRITER_SCHEMA' });
});
