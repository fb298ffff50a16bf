import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAUD_ALERT_SCHEMA, FRAUD_LABEL_SCHEMA, SCORED_PAYMENT_SCHEMA } from './generated.js';
import { createAvroSerde } from './serde.js';
import { DeserializationError, SerializationError } from './errors.js';
import { sampleFraudAlert, sampleFraudLabel, sampleScoredPayment } from './sample-records.js';

const scored = createAvroSerde(SCORED_PAYMENT_SCHEMA, 7);

// Decoded records are avsc record instances; structuredClone compares their fields only.
const plain = <T>(value: T): T => structuredClone(value);

test('round-trips every topic schema in Confluent wire format', () => {
  const payment = sampleScoredPayment({ mcc: null });
  const bytes = scored.serialize(payment);
  assert.equal(bytes[0], 0, 'magic byte');
  assert.equal(bytes.readInt32BE(1), 7, 'schema id, big-endian');
  assert.deepEqual(plain(scored.deserialize(bytes)), payment);

  const alerts = createAvroSerde(FRAUD_ALERT_SCHEMA, 0x01020304);
  const alertBytes = alerts.serialize(sampleFraudAlert());
  assert.deepEqual([...alertBytes.subarray(0, 5)], [0, 1, 2, 3, 4]);
  assert.deepEqual(plain(alerts.deserialize(alertBytes)), sampleFraudAlert());

  const labels = createAvroSerde(FRAUD_LABEL_SCHEMA, 3);
  const label = sampleFraudLabel({ comment: 'card reported stolen' });
  assert.deepEqual(plain(labels.deserialize(labels.serialize(label))), label);
});

test('longs up to 2^53 - 2 survive; larger ones are refused rather than rounded', () => {
  // avsc's own bound (isSafeLong): MAX_SAFE_INTEGER - 1.
  const largest = Number.MAX_SAFE_INTEGER - 1;
  const big = sampleScoredPayment({ amountMinor: largest });
  assert.equal(scored.deserialize(scored.serialize(big)).amountMinor, largest);
  assert.throws(
    () => scored.serialize(sampleScoredPayment({ amountMinor: 2 ** 60 })),
    (e: unknown) => e instanceof SerializationError && e.paths.includes('amountMinor'),
  );
});

test('serialize names the fields that do not match the schema', () => {
  const bad = { ...sampleScoredPayment(), score: 'high', cardLast4: 4242 } as unknown as Parameters<
    typeof scored.serialize
  >[0];
  assert.throws(
    () => scored.serialize(bad),
    (e: unknown) =>
      e instanceof SerializationError &&
      e.code === 'AVRO_INVALID_VALUE' &&
      e.paths.includes('score') &&
      e.paths.includes('cardLast4') &&
      /ScoredPayment/.test(e.message),
  );
});

const rejects = (bytes: Buffer, reason: string, pattern: RegExp) =>
  assert.throws(
    () => scored.deserialize(bytes),
    (e: unknown) =>
      e instanceof DeserializationError &&
      e.reason === reason &&
      e.code === `AVRO_${reason}` &&
      !e.retriable &&
      pattern.test(e.message),
  );

test('wire-format errors are DeserializationErrors with a reason', () => {
  const good = scored.serialize(sampleScoredPayment());
  rejects(Buffer.alloc(0), 'TRUNCATED', /empty/);
  rejects(Buffer.from('{"json":true}'), 'BAD_MAGIC_BYTE', /first byte is 123/);
  rejects(good.subarray(0, 3), 'TRUNCATED', /shorter than the 5-byte/);
  rejects(good.subarray(0, good.length - 4), 'TRUNCATED', /schema id 7: truncated/);
  rejects(Buffer.concat([good, Buffer.from([1, 2])]), 'INVALID_PAYLOAD', /trailing data/);
  const otherId = Buffer.from(good);
  otherId.writeInt32BE(8, 1);
  rejects(otherId, 'UNKNOWN_SCHEMA_ID', /schema id 8.*createAvroDecoder/);
});

test('refuses a schema id that does not fit the 4-byte header', () => {
  assert.throws(() => createAvroSerde(SCORED_PAYMENT_SCHEMA, -1), RangeError);
  assert.throws(() => createAvroSerde(SCORED_PAYMENT_SCHEMA, 2 ** 31), RangeError);
});
