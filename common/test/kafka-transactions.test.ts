import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Consumer, Producer } from 'kafkajs';
import { createKafka, createLogger, loadServiceConfig, parseBrokers } from '@fraud/common';
import { ensureStack } from '@fraud/stack';

const config = loadServiceConfig(Type.Object({}));
const logger = createLogger({ name: 'test', level: 'warn' });
const kafka = createKafka({
  brokers: parseBrokers(config.KAFKA_BROKERS),
  clientId: 'platform-test',
  logger,
});
const topic = `platform-txn-${randomUUID()}`;
let producer: Producer;
let consumer: Consumer;

before(async () => {
  await ensureStack();
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  producer = kafka.producer({
    transactionalId: `platform-test-${randomUUID()}`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
});

after(async () => {
  await producer?.disconnect();
  await consumer?.disconnect();
});

test('read_committed consumers see committed transactions and never aborted ones', async () => {
  const committed = await producer.transaction();
  await committed.send({
    topic,
    messages: [
      { key: 'a', value: 'committed-1' },
      { key: 'b', value: 'committed-2' },
    ],
  });
  await committed.commit();

  const aborted = await producer.transaction();
  await aborted.send({ topic, messages: [{ key: 'c', value: 'aborted-1' }] });
  await aborted.abort();

  const last = await producer.transaction();
  await last.send({ topic, messages: [{ key: 'd', value: 'committed-3' }] });
  await last.commit();

  consumer = kafka.consumer({ groupId: `platform-test-${randomUUID()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: string[] = [];
  const allSeen = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
        if (seen.includes('committed-3')) resolve();
      },
    });
  });
  await Promise.race([
    allSeen,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`timed out, saw ${seen.join()}`)), 20_000),
    ),
  ]);
  assert.deepEqual(seen, ['committed-1', 'committed-2', 'committed-3']);

  // The aborted record is in the log (offsets advanced past it), just never delivered.
  const admin = kafka.admin();
  await admin.connect();
  const [offsets] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  assert.ok(
    Number(offsets?.high) > 3,
    `high watermark ${offsets?.high} includes the aborted record and markers`,
  );
});
