import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { createRegistry, loadServiceConfig, SchemaType } from '@fraud/common';
import { ensureStack } from '@fraud/stack';

const config = loadServiceConfig(Type.Object({}));
const registry = createRegistry({ url: config.SCHEMA_REGISTRY_URL });

const paymentV1 = {
  type: 'record',
  name: 'PlatformProbe',
  namespace: 'dev.fraud.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amountMinor', type: 'long' },
  ],
};

before(() => ensureStack());

test('an Avro schema registers and a record round-trips through the Confluent wire format', async () => {
  const subject = `platform-probe-${randomUUID()}-value`;
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(paymentV1) },
    { subject },
  );
  assert.ok(Number.isInteger(id) && id > 0);

  const record = { id: 'p-1', amountMinor: 12_345 };
  const encoded = await registry.encode(id, record);
  assert.equal(encoded[0], 0, 'magic byte');
  assert.equal(encoded.readInt32BE(1), id, 'schema id after the magic byte');
  // avsc decodes into an instance of the record type; compare its fields.
  assert.deepEqual({ ...(await registry.decode(encoded)) }, record);

  // Registering the same schema again is idempotent and returns the same id.
  const again = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(paymentV1) },
    { subject },
  );
  assert.equal(again.id, id);
  assert.equal(await registry.getLatestSchemaId(subject), id);
});

test('a record of the wrong shape is refused at encoding', async () => {
  const subject = `platform-probe-${randomUUID()}-value`;
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(paymentV1) },
    { subject },
  );
  await assert.rejects(registry.encode(id, { id: 'p-2', amountMinor: 'twelve' }));
});
