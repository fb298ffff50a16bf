import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { createLogger, createRegistry, loadServiceConfig } from '@fraud/common';
import {
  createAvroDecoder,
  createAvroSerde,
  deleteSubject,
  DeserializationError,
  getSubjectCompatibility,
  registerSchema,
  registerSchemas,
  sampleScoredPayment,
  SchemaIncompatibleError,
  SCORED_PAYMENT_SCHEMA,
  setSubjectCompatibility,
  type AvroField,
  type AvroRecordSchema,
  type ScoredPayment,
} from '@fraud/schemas';

// Against the shared Apicurio registry: every subject carries a random suffix, and is deleted
// afterwards, so parallel runs never see each other's versions.
const { SCHEMA_REGISTRY_URL: registryUrl } = loadServiceConfig(Type.Object({}));
const logger = createLogger({ name: 'avro-registry-test', level: 'warn' });
const suffix = randomUUID().slice(0, 8);
const created: string[] = [];
const subject = (name: string): string => {
  const s = `h3test-${suffix}-${name}-value`;
  created.push(s);
  return s;
};

after(async () => {
  for (const s of created) await deleteSubject(registryUrl, s);
});

const withFields = (...fields: AvroField[]): AvroRecordSchema => ({
  ...SCORED_PAYMENT_SCHEMA,
  fields: [...SCORED_PAYMENT_SCHEMA.fields, ...fields],
});
const without = (name: string): AvroRecordSchema => ({
  ...SCORED_PAYMENT_SCHEMA,
  fields: SCORED_PAYMENT_SCHEMA.fields.filter((f) => f.name !== name),
});
const refusedFor = (s: string) => (e: unknown) =>
  e instanceof SchemaIncompatibleError &&
  e.code === 'SCHEMA_INCOMPATIBLE' &&
  e.subject === s &&
  e.message.includes(s) &&
  /add fields with a default/.test(e.message) &&
  /Registry says: .*Incompatible/.test(e.message);

test('registerSchemas sets BACKWARD, returns ids and is idempotent', async () => {
  const subjects = {
    scored: subject('payments.scored'),
    alerts: subject('fraud.alerts'),
    labels: subject('fraud.labels'),
  };
  // A subject someone left at NONE is brought back to BACKWARD.
  await setSubjectCompatibility(registryUrl, subjects.alerts, 'NONE');

  const first = await registerSchemas({ registryUrl, subjects, logger });
  for (const id of Object.values(first)) assert.ok(Number.isInteger(id) && id > 0, `id ${id}`);
  assert.equal(new Set(Object.values(first)).size, 3, 'three different schemas, three ids');
  for (const s of Object.values(subjects)) {
    assert.equal(await getSubjectCompatibility(registryUrl, s), 'BACKWARD', s);
  }

  const again = await registerSchemas({ registryUrl, subjects, logger });
  assert.deepEqual(again, first);
  const versions = await fetch(`${registryUrl}/subjects/${subjects.scored}/versions`);
  assert.deepEqual(await versions.json(), [1], 'no second version for the same schema');
});

test('instances starting together on a new subject all register, under one id', async () => {
  // Apicurio answers a second concurrent "set compatibility" on a new subject with 409 (the
  // rule now exists); without a retry, two of three instances failed start-up.
  for (let round = 0; round < 5; round++) {
    const s = subject(`together-${round}`);
    const ids = await Promise.all(
      [1, 2, 3].map(() =>
        registerSchema({ registryUrl, subject: s, schema: SCORED_PAYMENT_SCHEMA, logger }),
      ),
    );
    assert.equal(new Set(ids).size, 1, `ids ${ids.join(', ')}`);
    assert.equal(await getSubjectCompatibility(registryUrl, s), 'BACKWARD');
  }
});

test('BACKWARD is enforced per subject: safe changes pass, breaking ones throw', async () => {
  const s = subject('evolution');
  const v1 = await registerSchema({
    registryUrl,
    subject: s,
    schema: SCORED_PAYMENT_SCHEMA,
    logger,
  });

  // Breaking for readers of old records: a new field they cannot fill, a changed type.
  await assert.rejects(
    registerSchema({
      registryUrl,
      subject: s,
      schema: withFields({ name: 'riskBand', type: 'string' }),
      logger,
    }),
    refusedFor(s),
  );
  await assert.rejects(
    registerSchema({
      registryUrl,
      subject: s,
      schema: {
        ...SCORED_PAYMENT_SCHEMA,
        fields: SCORED_PAYMENT_SCHEMA.fields.map((f) =>
          f.name === 'score' ? { ...f, type: 'string' } : f,
        ),
      },
      logger,
    }),
    refusedFor(s),
  );

  const v2 = await registerSchema({
    registryUrl,
    subject: s,
    schema: withFields({ name: 'riskBand', type: 'string', default: 'unknown' }),
    logger,
  });
  assert.notEqual(v2, v1);

  // Dropping a field is backward compatible (a new reader skips it), so BACKWARD accepts it:
  // old consumers are the ones who must be upgraded first. Shown here so nobody relies on the
  // registry to catch it.
  const v3 = await registerSchema({ registryUrl, subject: s, schema: without('mcc'), logger });
  assert.ok(v3 > 0);
});

test('a record written by the registered schema decodes through the registry', async () => {
  const s = subject('roundtrip');
  const id = await registerSchema({
    registryUrl,
    subject: s,
    schema: SCORED_PAYMENT_SCHEMA,
    logger,
  });
  const serde = createAvroSerde(SCORED_PAYMENT_SCHEMA, id);
  const payment = sampleScoredPayment();
  const bytes = serde.serialize(payment);

  const registry = createRegistry({ url: registryUrl });
  const decoder = createAvroDecoder({ registry, readerSchema: SCORED_PAYMENT_SCHEMA });
  assert.equal(decoder.decodeSync(bytes), undefined, 'writer schema not loaded yet');
  assert.deepEqual(structuredClone(await decoder.decode(bytes)), payment);
  assert.deepEqual(structuredClone(decoder.decodeSync(bytes)), payment);
  // The @kafkajs client reads our bytes too: the wire format is the Confluent one.
  assert.deepEqual(structuredClone(await registry.decode(bytes)), payment);
});

test('records of an older schema version are read by the newer reader with defaults', async () => {
  const s = subject('versions');
  const oldId = await registerSchema({
    registryUrl,
    subject: s,
    schema: SCORED_PAYMENT_SCHEMA,
    logger,
  });
  const newer = withFields({ name: 'riskBand', type: 'string', default: 'unknown' });
  const newId = await registerSchema({ registryUrl, subject: s, schema: newer, logger });
  const payment = sampleScoredPayment();
  const oldBytes = createAvroSerde(SCORED_PAYMENT_SCHEMA, oldId).serialize(payment);
  const newBytes = createAvroSerde<ScoredPayment & { riskBand: string }>(newer, newId).serialize({
    ...payment,
    riskBand: 'high',
  });

  const registry = createRegistry({ url: registryUrl });
  const reader = createAvroDecoder<ScoredPayment & { riskBand: string }>({
    registry,
    readerSchema: newer,
  });
  assert.deepEqual(structuredClone(await reader.decode(oldBytes)), {
    ...payment,
    riskBand: 'unknown',
  });
  assert.deepEqual(structuredClone(await reader.decode(newBytes)), {
    ...payment,
    riskBand: 'high',
  });

  // A consumer still on the old schema skips the field it does not know.
  const oldReader = createAvroDecoder({ registry, readerSchema: SCORED_PAYMENT_SCHEMA });
  assert.deepEqual(structuredClone(await oldReader.decode(newBytes)), payment);
});

test('an id the registry does not know is a DeserializationError for the dead-letter topic', async () => {
  const decoder = createAvroDecoder({
    registry: createRegistry({ url: registryUrl }),
    readerSchema: SCORED_PAYMENT_SCHEMA,
  });
  const bytes = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 0x61]);
  await assert.rejects(
    decoder.decode(bytes),
    (e: unknown) =>
      e instanceof DeserializationError &&
      e.reason === 'UNKNOWN_SCHEMA_ID' &&
      e.schemaId === 0x7ffffff0 &&
      !e.retriable,
  );
});
