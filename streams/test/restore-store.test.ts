import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin } from 'kafkajs';
import { ensureStack } from '@fraud/stack';
import { memoryBackend, StateStore } from '../src/stores/index.js';
import { restoreStore } from '../src/runtime/restore-store.js';
import { testKafka } from './support.js';

const { kafka, suffix } = testKafka('streams-restore');
const changelogTopic = `streams-restore-changelog-${suffix}`;
const RECORDS = 5000;
let admin: Admin;

before(async () => {
  await ensureStack();
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: changelogTopic, numPartitions: 2 }],
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  const messages = Array.from({ length: RECORDS }, (_, i) => ({
    key: `key-${i % 1000}`,
    value: `value-${i}`,
    partition: 1,
  }));
  await producer.send({ topic: changelogTopic, messages, acks: -1 });
  await producer.disconnect();
});

after(async () => {
  await admin.deleteTopics({ topics: [changelogTopic] }).catch(() => undefined);
  await admin.disconnect();
});

const newStore = () =>
  new StateStore({ name: 'restore-it', changelogTopic, backend: memoryBackend() });

test('replays the changelog partition up to its end offset, the last write of a key winning', async () => {
  const store = newStore();
  let heartbeats = 0;
  const { restored, end } = await restoreStore({
    kafka,
    applicationId: `restore-it-${suffix}`,
    store,
    partition: 1,
    from: undefined,
    heartbeat: async () => {
      heartbeats++;
    },
  });
  assert.equal(restored, RECORDS);
  assert.equal(end, String(RECORDS));
  assert.ok(heartbeats > 0, 'the main group heard from the restore');
  assert.equal(store.get(Buffer.from('key-999'))?.toString(), `value-${RECORDS - 1}`);
});

test('a failed heartbeat (the main group rebalances) ends the restore with that error', async () => {
  // What kafkajs throws from `heartbeat()` during a rebalance. The restore's own consumer
  // must not take it for an error of its own group, rejoin and retry forever.
  const rebalancing = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), {
    name: 'KafkaJSProtocolError',
    type: 'REBALANCE_IN_PROGRESS',
    code: 27,
  });
  let heartbeats = 0;
  const started = Date.now();
  await assert.rejects(
    restoreStore({
      kafka,
      applicationId: `restore-it-${suffix}`,
      store: newStore(),
      partition: 1,
      from: undefined,
      heartbeat: async () => {
        heartbeats++;
        throw rebalancing;
      },
    }),
    (error) => error === rebalancing,
  );
  assert.equal(heartbeats, 1, 'no batch was passed on after the failure');
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
});
