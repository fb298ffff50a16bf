import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Batch, KafkaMessage, Producer, RecordMetadata, Transaction } from 'kafkajs';
import { createLogger } from '@fraud/common';
import { createStreamsMetrics } from '../metrics/index.js';
import { int64Serde, stringSerde } from '../serdes/index.js';
import { memoryBackend } from '../stores/index.js';
import { openTaskStores, Task } from '../task/index.js';
import { StreamsBuilder } from '../topology/index.js';
import { ActiveTask, type BatchControl } from './active-task.js';

type SendBatchArgs = Parameters<Transaction['sendBatch']>[0];
type SendOffsetsArgs = Parameters<Transaction['sendOffsets']>[0];

/** What one transaction of the fake producer received, and how it ended. */
interface TransactionLog {
  batches: SendBatchArgs[];
  offsets: SendOffsetsArgs[];
  outcome: 'open' | 'committed' | 'aborted';
}

/** A kafkajs producer that records its transactions and assigns offsets per partition. */
function recordingProducer() {
  const transactions: TransactionLog[] = [];
  /** Set to make the next commit fail, as a fenced or disconnected producer's would. */
  const faults = { failNextCommit: false };
  const ends = new Map<string, number>();
  const producer = {
    transaction: async () => {
      const log: TransactionLog = { batches: [], offsets: [], outcome: 'open' };
      transactions.push(log);
      const transaction = {
        sendBatch: async (args: SendBatchArgs): Promise<RecordMetadata[]> => {
          log.batches.push(args);
          return (args.topicMessages ?? []).flatMap(({ topic, messages }) =>
            [...new Set(messages.map((m) => m.partition ?? 0))].map((partition) => {
              const id = `${topic}-${partition}`;
              const base = ends.get(id) ?? 0;
              ends.set(id, base + messages.filter((m) => (m.partition ?? 0) === partition).length);
              return { topicName: topic, partition, errorCode: 0, baseOffset: String(base) };
            }),
          );
        },
        sendOffsets: async (args: SendOffsetsArgs) => {
          log.offsets.push(args);
        },
        commit: async () => {
          if (faults.failNextCommit) {
            faults.failNextCommit = false;
            throw new Error('commit failed (simulated)');
          }
          log.outcome = 'committed';
        },
        abort: async () => {
          log.outcome = 'aborted';
        },
      } as Partial<Transaction> as Transaction;
      return transaction;
    },
  } as Partial<Producer> as Producer;
  return { producer, transactions, faults };
}

/** Each record goes to `echo` as is and is counted per key into `counts` (one store). */
function echoAndCount() {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  const input = builder.stream('in', { keySerde: stringSerde, valueSerde: stringSerde });
  input.to('echo', { keySerde: stringSerde, valueSerde: stringSerde });
  input
    .groupByKey()
    .count({ storeName: 'counts', keySerde: stringSerde })
    .toStream()
    .to('counts', { keySerde: stringSerde, valueSerde: int64Serde });
  return builder.build();
}

function openActiveTask(startOffset: string) {
  const topology = echoAndCount();
  const stores = openTaskStores(topology, 'app', 'in', 0, () => memoryBackend());
  const task = new Task({
    applicationId: 'app',
    topology,
    topic: 'in',
    partition: 0,
    stores,
    globalStores: new Map(),
  });
  const { producer, transactions, faults } = recordingProducer();
  const metrics = createStreamsMetrics();
  const logger = createLogger({ name: 'active-task-test', level: 'silent' });
  const active = new ActiveTask(task, producer, startOffset, new Map(), {
    applicationId: 'app',
    metrics,
    logger,
  });
  return { active, transactions, faults, metrics, stores };
}

/** A fetched batch of partition 0 of `in` holding offsets from..to, key `k<offset % 3>`. */
function batchOf(from: number, to: number): Batch {
  const messages = Array.from({ length: to - from + 1 }, (_, i): KafkaMessage => ({
    offset: String(from + i),
    key: Buffer.from(`k${(from + i) % 3}`),
    value: Buffer.from(`v${from + i}`),
    timestamp: String(1_000 + from + i),
    attributes: 0,
    headers: {},
  }));
  return { topic: 'in', partition: 0, messages } as Partial<Batch> as Batch;
}

function control(): BatchControl & { resolved: string[] } {
  const resolved: string[] = [];
  return {
    resolved,
    isRunning: () => true,
    isStale: () => false,
    resolveOffset: (offset) => resolved.push(offset),
    heartbeat: async () => undefined,
  };
}

const sentTo = (transactions: TransactionLog[], topic: string) =>
  transactions.flatMap((t) =>
    t.batches.flatMap((b) =>
      (b.topicMessages ?? []).filter((m) => m.topic === topic).flatMap((m) => m.messages),
    ),
  );
const committedOffsets = (transactions: TransactionLog[]) =>
  transactions
    .filter((t) => t.outcome === 'committed')
    .flatMap((t) => t.offsets.flatMap((o) => o.topics.flatMap((tp) => tp.partitions)))
    .map((p) => p.offset);

test('a refetched batch that starts before our last commit is processed from the commit on', async () => {
  const { active, transactions, metrics } = openActiveTask('0');
  const first = control();
  assert.equal(await active.processBatch(batchOf(0, 9), first), true);
  // The rejoin fetched committed offset 5 (the one before our last commit was stable).
  const refetched = control();
  assert.equal(await active.processBatch(batchOf(5, 14), refetched), true);

  const echoed = sentTo(transactions, 'echo').map((m) => String(m.value));
  assert.deepEqual(
    echoed,
    Array.from({ length: 15 }, (_, i) => `v${i}`),
  );
  // 15 records over 3 keys: each key counted 1..5 once, never past 5.
  const counts = sentTo(transactions, 'counts').map(
    (m) => `${String(m.key)}=${int64Serde.deserialize(m.value as Buffer)}`,
  );
  for (const key of ['k0', 'k1', 'k2'])
    assert.deepEqual(
      counts.filter((c) => c.startsWith(`${key}=`)),
      [1, 2, 3, 4, 5].map((n) => `${key}=${n}`),
    );
  assert.deepEqual(committedOffsets(transactions), ['10', '15']);
  assert.deepEqual([...first.resolved, ...refetched.resolved], ['9', '14']);
  const skipped = await metrics.recordsSkipped.get();
  assert.deepEqual(
    skipped.values.map((v) => [v.labels.reason, v.value]),
    [['already-committed', 5]],
  );
  const processed = await metrics.recordsProcessed.get();
  assert.equal(processed.values[0]?.value, 15);
});

test('a batch of records all committed already commits nothing and moves the consumer on', async () => {
  const { active, transactions } = openActiveTask('0');
  await active.processBatch(batchOf(0, 9), control());
  await active.processBatch(batchOf(10, 14), control());
  const before = transactions.length;

  const old = control();
  assert.equal(await active.processBatch(batchOf(3, 8), old), true);
  assert.equal(transactions.length, before, 'no transaction for an all-old batch');
  assert.deepEqual(old.resolved, ['8']);
  assert.deepEqual(committedOffsets(transactions), ['10', '15']);
});

test('records below the committed offset the task opened at are not processed', async () => {
  // A batch fetched before the seek to the committed offset, as after a reopen.
  const { active, transactions } = openActiveTask('7');
  const cycle = control();
  await active.processBatch(batchOf(0, 9), cycle);
  assert.deepEqual(
    sentTo(transactions, 'echo').map((m) => String(m.value)),
    ['v7', 'v8', 'v9'],
  );
  assert.deepEqual(committedOffsets(transactions), ['10']);
  assert.deepEqual(cycle.resolved, ['9']);
});

test('a heartbeat failing after a commit leaves the task settled: it carries on, no rebuild', async () => {
  const { active, transactions } = openActiveTask('0');
  const rebalancing = new Error('The group is rebalancing, so a rejoin is needed');
  const cycle = { ...control(), heartbeat: () => Promise.reject(rebalancing) };
  await assert.rejects(active.processBatch(batchOf(0, 9), cycle), rebalancing);
  assert.equal(active.settled, true);
  assert.deepEqual(committedOffsets(transactions), ['10']);
  assert.deepEqual(cycle.resolved, ['9']);

  assert.equal(await active.processBatch(batchOf(10, 14), control()), true);
  assert.deepEqual(committedOffsets(transactions), ['10', '15']);
});

test('a failed commit leaves the task unsettled: its state must be rebuilt', async () => {
  const { active, transactions, faults } = openActiveTask('0');
  faults.failNextCommit = true;
  const cycle = control();
  await assert.rejects(active.processBatch(batchOf(0, 9), cycle), {
    code: 'STREAMS_COMMIT_FAILED',
  });
  assert.equal(active.settled, false);
  assert.deepEqual(committedOffsets(transactions), []);
  assert.deepEqual(cycle.resolved, [], 'the consumer does not move past an uncommitted cycle');
});
