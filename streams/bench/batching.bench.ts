/**
 * `npm run bench -- batching [--sizes 16,64,256,1024,4096] [--records 150000] [--rate 3000]
 * [--seconds 10] [--json]`, on the running local stack: the batch-size / commit-interval
 * trade-off of the runtime. One fetched batch is one transaction, so a batch is bounded by the
 * consumer's `maxBytesPerPartition` and the commit interval follows from it. For the windowed
 * count (LMDB store + changelog, emit on-commit) and each `maxBytesPerPartition` (KiB):
 *   (i)  catch-up: records/s over a backlog of `--records` records of 100 bytes on 4 partitions,
 *        with the mean input records per transaction, the mean commit time and the mean
 *        interval between two commits of a task;
 *   (ii) latency at `--rate` records/s for `--seconds`: from each input record's timestamp (set
 *        when it is produced) to the first output holding its count arriving at a
 *        read_committed consumer, p50 / p99 / max.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Message, Transaction } from 'kafkajs';
import { Type } from '@sinclair/typebox';
import { createKafka, createLogger, loadServiceConfig, parseBrokers } from '@fraud/common';
import { summarizeLatency } from '@fraud/loadtest/e2e';
import { ensureStack } from '@fraud/stack';
import {
  changelogTopic,
  createStreamsApp,
  createStreamsMetrics,
  int64Serde,
  stringSerde,
  windowedSerde,
  type StreamsMetrics,
} from '../src/index.js';
import { commitStats, processedRecords, windowedCount } from './windowed-count.js';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '16,64,256,1024,4096' },
    records: { type: 'string', default: '150000' },
    rate: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const SIZES_KIB = flags.sizes.split(',').map(Number);
const RECORDS = Number(flags.records);
const RATE = Number(flags.rate);
const SECONDS = Number(flags.seconds);
if ([...SIZES_KIB, RECORDS, RATE, SECONDS].some((n) => !Number.isFinite(n) || n <= 0))
  throw new Error('--sizes, --records, --rate and --seconds take positive numbers');
const PARTITIONS = 4;
const KEYS = 10_000;
/** Records per partition in one produced record batch (~5 KB): a fetch returns whole batches. */
const PER_PARTITION_PER_SEND = 40;
const say = (line: string) => {
  if (!flags.json) console.log(line);
};
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

await ensureStack();
const suffix = randomUUID().slice(0, 8);
const logger = createLogger({ name: 'bench-batching', level: 'warn' });
// kafkajs logs the CONCURRENT_TRANSACTIONS answers it retries as errors, between the table's
// lines; what fails for good reaches the bench as an exception.
const kafka = createKafka({
  brokers: parseBrokers(loadServiceConfig(Type.Object({})).KAFKA_BROKERS),
  clientId: 'bench-batching',
  logger: createLogger({ name: 'bench-batching-kafkajs', level: 'fatal' }),
});
const admin = kafka.admin();
await admin.connect();
const stateDir = mkdtempSync(join(tmpdir(), 'bench-batching-'));
const topics: string[] = [];
const groups: string[] = [];
const payload = Buffer.alloc(100, 'x');

async function createTopic(topic: string): Promise<string> {
  topics.push(topic);
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  return topic;
}

/** Starts the count with `maxBytesPerPartition`; the caller closes it. */
async function startCount(name: string, input: string, maxBytesPerPartition: number) {
  const applicationId = `bench-batching-${name}-${suffix}`;
  const output = await createTopic(`${applicationId}-out`);
  const topology = windowedCount({
    input,
    output,
    deadLetterTopic: `${output}-dlq`,
    emit: 'on-commit',
  });
  topics.push(topology.deadLetterTopic, changelogTopic(applicationId, 'counts'));
  groups.push(applicationId);
  const metrics = createStreamsMetrics();
  const app = createStreamsApp({
    applicationId,
    topology,
    kafka,
    logger,
    stateDir,
    metrics,
    maxBytesPerPartition,
  });
  await app.start();
  return { app, metrics, output };
}

/** A figure of records dead-lettered (late, say) would not be one of counting. */
async function assertNoDeadLetters(metrics: StreamsMetrics) {
  const n = (await metrics.deadLetters.get()).values.reduce((sum, v) => sum + v.value, 0);
  if (n > 0) throw new Error(`${n} records went to the dead-letter topic`);
}

async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * One record per partition: a task opens on its partition's first batch, which takes seconds.
 * Its timestamp starts the task's stream time, so it must not be later than what follows.
 */
const primingRecords = (timestamp: number): Message[] =>
  Array.from({ length: PARTITIONS }, (_, p) => ({
    key: `prime-${p}`,
    value: payload,
    partition: p,
    timestamp: String(timestamp),
  }));

const tasksOpen = (metrics: StreamsMetrics) =>
  waitUntil(
    'the tasks to open',
    async () => (await processedRecords(metrics)) >= PARTITIONS,
    60_000,
  );

/**
 * Writes the backlog into `transaction` in small sends, so the broker's record batches (the unit
 * a fetch returns whole) stay far below the sizes swept.
 */
async function produceBacklog(transaction: Transaction, topic: string, base: number) {
  const chunk = PER_PARTITION_PER_SEND * PARTITIONS;
  for (let i = 0; i < RECORDS; i += chunk) {
    const messages: Message[] = [];
    for (let j = i; j < Math.min(i + chunk, RECORDS); j++)
      messages.push({
        key: `card-${j % KEYS}`,
        value: payload,
        partition: j % PARTITIONS,
        timestamp: String(base + Math.floor((j / RECORDS) * 3_600_000)),
      });
    await transaction.send({ topic, messages });
  }
}

/**
 * (i): the tasks open on one committed record per partition while the backlog waits in an open
 * transaction, invisible to the count's read_committed consumer; committing it releases the
 * whole backlog at once. Timed from that commit to the commit of the backlog's last record.
 */
async function catchUp(kib: number) {
  const input = await createTopic(`bench-batching-backlog-${kib}k-${suffix}`);
  const producer = kafka.producer({
    transactionalId: `${input}-producer`,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 300_000,
  });
  await producer.connect();
  const base = Date.now() - 3_600_000;
  const priming = await producer.transaction();
  await priming.send({ topic: input, messages: primingRecords(base) });
  await priming.commit();
  const { app, metrics } = await startCount(`${kib}k-catchup`, input, kib * 1024);
  try {
    const backlog = await producer.transaction();
    await Promise.all([produceBacklog(backlog, input, base), tasksOpen(metrics)]);
    const before = await commitStats(metrics);
    const releasedAt = performance.now();
    await backlog.commit();
    await waitUntil(
      `the catch-up at ${kib} KiB`,
      async () => (await processedRecords(metrics)) >= PARTITIONS + RECORDS,
      120_000,
    );
    const seconds = (performance.now() - releasedAt) / 1000;
    await assertNoDeadLetters(metrics);
    const after = await commitStats(metrics);
    const transactions = after.transactions - before.transactions;
    return {
      rps: Math.round(RECORDS / seconds),
      recordsPerTxn: Math.round(RECORDS / transactions),
      commitMs: Math.round(((after.seconds - before.seconds) / transactions) * 10_000) / 10,
      // The tasks run side by side (one per partition): the time between two commits of one.
      commitIntervalMs: Math.round(((seconds * PARTITIONS) / transactions) * 1000),
    };
  } finally {
    await app.close();
    await producer.disconnect();
  }
}

/**
 * Follows the count's output with read_committed. Output record (key, window, count c) shows
 * the key's records 1..c of that window: each of them not seen before gets its latency.
 */
async function followOutput(output: string, producedAt: Map<string, number[]>) {
  const groupId = `${output}-reader`;
  groups.push(groupId);
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
  const seen = new Map<string, number>();
  const latencies: number[] = [];
  let duplicates = 0;
  const keySerde = windowedSerde(stringSerde);
  await consumer.connect();
  await consumer.subscribe({ topics: [output], fromBeginning: true });
  const joined = new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
  });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const arrivedAt = Date.now();
      for (const message of batch.messages) {
        const { key, window } = keySerde.deserialize(message.key);
        const id = `${key}@${window.start}`;
        const times = producedAt.get(id);
        if (!times) continue; // a priming record
        const count = int64Serde.deserialize(message.value);
        if (count > times.length) duplicates++;
        for (let n = seen.get(id) ?? 0; n < Math.min(count, times.length); n++)
          latencies.push(arrivedAt - (times[n] ?? arrivedAt));
        seen.set(id, Math.max(seen.get(id) ?? 0, count));
      }
    },
  });
  await joined;
  return { consumer, latencies, duplicates: () => duplicates };
}

/** (ii): primes every task, then produces at RATE for SECONDS, stamping each send's records. */
async function pacedLatency(kib: number) {
  const input = await createTopic(`bench-batching-paced-${kib}k-${suffix}`);
  const { app, metrics, output } = await startCount(`${kib}k-paced`, input, kib * 1024);
  const producedAt = new Map<string, number[]>();
  const reader = await followOutput(output, producedAt);
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: input, messages: primingRecords(Date.now()), acks: -1 });
    await tasksOpen(metrics);
    const before = await commitStats(metrics);
    const total = Math.round(RATE * SECONDS);
    const started = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      if (due > sent) {
        const now = Date.now();
        const messages: Message[] = [];
        for (; sent < due; sent++) {
          const key = `card-${sent % KEYS}`;
          const id = `${key}@${Math.floor(now / 60_000) * 60_000}`;
          let times = producedAt.get(id);
          if (!times) producedAt.set(id, (times = []));
          times.push(now);
          messages.push({ key, value: payload, timestamp: String(now) });
        }
        await producer.send({ topic: input, messages, acks: -1 });
      }
      await sleep(5);
    }
    await waitUntil(
      `the outputs of ${total} paced records`,
      async () => reader.latencies.length >= total,
      60_000,
    );
    if (reader.duplicates() > 0) throw new Error(`${reader.duplicates()} counts above the input`);
    await assertNoDeadLetters(metrics);
    const after = await commitStats(metrics);
    const summary = summarizeLatency(reader.latencies);
    return {
      pacedRecordsPerTxn: Math.round(total / Math.max(1, after.transactions - before.transactions)),
      p50: summary.p50 ?? NaN,
      p99: summary.p99 ?? NaN,
      max: summary.max ?? NaN,
    };
  } finally {
    await producer.disconnect();
    await reader.consumer.disconnect();
    await app.close();
  }
}

const points: Record<string, number>[] = [];
try {
  const loadAtStart = load();
  say(
    `bench batching: windowed count (emit on-commit), ${PARTITIONS} partitions, ${cpus().length} cores, load average ${loadAtStart}`,
  );
  say(
    `(i) catch-up over ${RECORDS} records of 100 bytes (${PER_PARTITION_PER_SEND} per partition per produced batch); (ii) latency at ${RATE} records/s for ${SECONDS} s`,
  );
  say(
    'maxBytes/partition | (i) records/s | records/txn | commit ms | interval ms | (ii) records/txn | p50 ms | p99 ms | max ms | load',
  );
  for (const kib of SIZES_KIB) {
    const c = await catchUp(kib);
    const l = await pacedLatency(kib);
    points.push({ maxBytesPerPartitionKiB: kib, ...c, ...l, load1: Number(load()) });
    say(
      [
        `${kib} KiB`.padStart(18),
        String(c.rps).padStart(13),
        String(c.recordsPerTxn).padStart(11),
        String(c.commitMs).padStart(9),
        String(c.commitIntervalMs).padStart(11),
        String(l.pacedRecordsPerTxn).padStart(16),
        String(l.p50).padStart(6),
        String(l.p99).padStart(6),
        String(l.max).padStart(6),
        load(),
      ].join(' | '),
    );
  }
  if (flags.json)
    console.log(
      JSON.stringify({
        records: RECORDS,
        rate: RATE,
        seconds: SECONDS,
        partitions: PARTITIONS,
        cores: cpus().length,
        loadAtStart: Number(loadAtStart),
        loadAtEnd: Number(load()),
        points,
      }),
    );
} finally {
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.deleteGroups(groups).catch(() => undefined);
  await admin.disconnect();
  rmSync(stateDir, { recursive: true, force: true });
}
