/**
 * `npm run bench -- topology [--json]`, on the running local stack:
 *   (a) a bare transactional pass-through (consume → produce, no state), records/s, and one
 *       writing each record to two topics: what a windowed count writes at most;
 *   (b) a windowed count with an LMDB store and its changelog, records/s, and (b)/(a);
 *   (c) the time to restore a store of 1M keys from its changelog;
 *   (d) the full fraud topology (decode, three table joins, per-card features in a store, batched
 *       ONNX scoring, two Avro outputs) over Debezium-shaped payments, against a pass-through of
 *       the same records, and their ratio.
 * Sizes: BENCH_RECORDS (default 300k), BENCH_RESTORE_KEYS (default 1M), BENCH_FRAUD_RECORDS
 * (default 200k; 0 skips (d)). BENCH_ROUNDS (default 1) repeats the throughput cases, each round
 * running a ratio's two sides back to back, and reports medians with their range: on a shared
 * machine one run of each side can differ by a fifth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'kafkajs';
import { ensureStack } from '@fraud/stack';
import { Type } from '@sinclair/typebox';
import { createLogger, loadServiceConfig } from '@fraud/common';
import {
  bytesSerde,
  changelogTopic,
  createStreamsApp,
  createStreamsMetrics,
  lmdbBackend,
  readTopic,
  StateStore,
  StreamsBuilder,
  type EmitMode,
  type Topology,
} from '../src/index.js';
import {
  createAvroSerde,
  FRAUD_ALERT_SCHEMA,
  registerSchemas,
  SCORED_PAYMENT_SCHEMA,
} from '@fraud/schemas';
import {
  avroStreamsSerde,
  buildFraudTopology,
  DEFAULT_FRAUD_TOPICS,
  ModelHolder,
} from '../src/fraud/index.js';
import { SHIPPED_MODEL } from '../test/fraud/fraud-harness.js';
import { testKafka } from '../test/support.js';
import { debeziumPayments } from './fraud-input.js';
import { commitStats, processedRecords, windowedCount } from './windowed-count.js';

const json = process.argv.includes('--json');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const RESTORE_KEYS = Number(process.env.BENCH_RESTORE_KEYS ?? 1_000_000);
const FRAUD_RECORDS = Number(process.env.BENCH_FRAUD_RECORDS ?? 200_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const PARTITIONS = 4;
const say = (line: string) => {
  if (!json) console.log(line);
};

await ensureStack();
const { kafka, suffix } = testKafka('bench-topology');
const logger = createLogger({ name: 'bench-topology', level: 'warn' });
const admin = kafka.admin();
await admin.connect();
const stateDir = mkdtempSync(join(tmpdir(), 'bench-topology-'));
const input = `bench-in-${suffix}`;
const created: string[] = [input];

async function produce(
  topic: string,
  count: number,
  record: (i: number) => Message,
  chunk = 20_000,
) {
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < count; i += chunk) {
    const messages = Array.from({ length: Math.min(chunk, count - i) }, (_, j) => record(i + j));
    await producer.send({ topic, messages, acks: 1 });
  }
  await producer.disconnect();
}

/** Consume → produce, bytes as they are: the baseline of each ratio. */
function passThrough(from: string, name: string): Topology {
  const builder = new StreamsBuilder({ deadLetterTopic: `bench-dlq-${name}-${suffix}` });
  builder
    .stream(from, { keySerde: bytesSerde, valueSerde: bytesSerde })
    .to(`bench-out-${name}-${suffix}`, { keySerde: bytesSerde, valueSerde: bytesSerde });
  return builder.build();
}

let runs = 0;

/** The median of per-round figures, with their range when there are several rounds. */
function median(values: readonly number[]): { value: number; text: string } {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const text =
    sorted.length === 1
      ? `${round2(value)}`
      : `${round2(value)} (${round2(sorted[0] ?? 0)}–${round2(sorted.at(-1) ?? 0)}, ${sorted.length} rounds)`;
  return { value: round2(value), text };
}
const round2 = (x: number) => Math.round(x * 100) / 100;

async function throughput(
  name: string,
  topology: Topology,
  records = RECORDS,
): Promise<Record<string, number>> {
  const applicationId = `bench-${name.replace(/[^A-Za-z0-9-]+/g, '-')}-${suffix}-${++runs}`;
  created.push(...topology.outputTopics, topology.deadLetterTopic);
  created.push(...topology.stores.map((s) => changelogTopic(applicationId, s.name)));
  const metrics = createStreamsMetrics();
  const app = createStreamsApp({ applicationId, topology, kafka, logger, stateDir, metrics });
  await app.start();
  // Timed from the first commit, so group join and task start-up are left out.
  let first = 0;
  let startedAt = 0;
  for (;;) {
    const n = await processedRecords(metrics);
    if (n > 0 && startedAt === 0) [first, startedAt] = [n, performance.now()];
    if (n >= records) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const { transactions: count, seconds: sum, recordsWritten } = await commitStats(metrics);
  await app.close();
  if (records - first < records / 2)
    throw new Error(
      `${name}: the first commits already held ${first} of ${records} records, too few left to time: raise BENCH_RECORDS or BENCH_FRAUD_RECORDS`,
    );
  const rps = Math.round((records - first) / seconds);
  const commitMs = Math.round((sum / Math.max(count, 1)) * 1000 * 10) / 10;
  const recordsPerTxn = Math.round(recordsWritten / Math.max(count, 1));
  say(
    `${name}: ${rps} records/s (${count} transactions, ${recordsPerTxn} records written each, commit ${commitMs} ms mean)`,
  );
  return { rps, commitMs, recordsPerTxn };
}

async function restoreSeconds(): Promise<number> {
  const topic = `bench-restore-changelog-${suffix}`;
  created.push(topic);
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ],
    waitForLeaders: true,
  });
  const value = Buffer.alloc(8, 1);
  await produce(topic, RESTORE_KEYS, (i) => ({ key: `card-${i}`, value, partition: 0 }));
  const backend = lmdbBackend(join(stateDir, 'restore'));
  const store = new StateStore({ name: 'restore', changelogTopic: topic, backend });
  const started = performance.now();
  let restored = 0;
  const reader = await readTopic({
    kafka,
    groupPrefix: `bench-restore-${suffix}`,
    topic,
    partitions: [0],
    follow: false,
    onBatch: async (_p, messages) => {
      await backend.apply(messages.map((m) => [m.key ?? Buffer.alloc(0), m.value] as const));
      restored += messages.length;
    },
  });
  await reader.caughtUp;
  await reader.stop();
  const seconds = (performance.now() - started) / 1000;
  const sample = store.get(Buffer.from(`card-${RESTORE_KEYS - 1}`));
  if (restored !== RESTORE_KEYS || !sample) throw new Error(`restored ${restored} records`);
  await backend.close();
  say(`restore: ${RESTORE_KEYS} keys in ${seconds.toFixed(2)} s`);
  return seconds;
}

async function fraudCase(): Promise<Record<string, number>> {
  const topic = `bench-fraud-in-${suffix}`;
  created.push(topic);
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  const messages = debeziumPayments(FRAUD_RECORDS);
  // ~900-byte events: smaller sends stay under the broker's request size limit.
  await produce(topic, FRAUD_RECORDS, (i) => messages[i] ?? { value: null }, 2_000);
  say(`fraud input: ${FRAUD_RECORDS} Debezium payment events, 6 partitions`);

  const ids = await registerSchemas({
    registryUrl: loadServiceConfig(Type.Object({})).SCHEMA_REGISTRY_URL,
    logger,
  });
  const models = await ModelHolder.start({ dir: SHIPPED_MODEL, logger, pollMs: 0 });
  const fraud = () =>
    buildFraudTopology({
      topics: {
        ...DEFAULT_FRAUD_TOPICS,
        payments: topic,
        scored: `bench-fraud-scored-${suffix}`,
        alerts: `bench-fraud-alerts-${suffix}`,
        deadLetter: `bench-fraud-dlq-${suffix}`,
      },
      model: () => models.current(),
      scoredSerde: avroStreamsSerde(createAvroSerde(SCORED_PAYMENT_SCHEMA, ids.scored)),
      alertSerde: avroStreamsSerde(createAvroSerde(FRAUD_ALERT_SCHEMA, ids.alerts)),
    });
  const rounds: { a: number; f: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = await throughput(
      'pass-through of the payment events',
      passThrough(topic, 'fa'),
      FRAUD_RECORDS,
    );
    const f = await throughput('fraud topology', fraud(), FRAUD_RECORDS);
    rounds.push({ a: a.rps ?? 0, f: f.rps ?? 0 });
  }
  await models.close();
  const a = median(rounds.map((r) => r.a));
  const f = median(rounds.map((r) => r.f));
  const ratio = median(rounds.map((r) => r.f / r.a));
  say(`pass-through of the payment events: ${a.text} records/s; fraud topology: ${f.text}`);
  say(`ratio fraud topology / pass-through of the same events: ${ratio.text} (target >= 0.7)`);
  return {
    fraudRecords: FRAUD_RECORDS,
    fraudPassThroughRps: a.value,
    fraudRps: f.value,
    fraudRatio: ratio.value,
  };
}

try {
  await admin.createTopics({
    topics: [{ topic: input, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  const base = Date.now() - 3_600_000;
  const payload = Buffer.alloc(100, 'x');
  await produce(input, RECORDS, (i) => ({
    key: `card-${i % 10_000}`,
    value: payload,
    timestamp: String(base + Math.floor((i / RECORDS) * 3_600_000)),
  }));
  say(`input: ${RECORDS} records of 100 bytes, 10k keys, ${PARTITIONS} partitions`);

  // What a windowed count writes at most (an output and a changelog record per input, when no
  // key repeats within a window): the ceiling of (b) if state cost nothing.
  const twoTopics = () => {
    const builder = new StreamsBuilder({ deadLetterTopic: `bench-dlq-a2-${suffix}` });
    const passed = builder.stream(input, { keySerde: bytesSerde, valueSerde: bytesSerde });
    passed.to(`bench-out-a2-${suffix}`, { keySerde: bytesSerde, valueSerde: bytesSerde });
    passed.to(`bench-out-a3-${suffix}`, { keySerde: bytesSerde, valueSerde: bytesSerde });
    return builder.build();
  };
  const windowedCountTo = (emit: EmitMode) =>
    windowedCount({
      input,
      output: `bench-out-${emit}-${suffix}`,
      deadLetterTopic: `bench-dlq-${emit}-${suffix}`,
      emit,
    });

  const rounds: {
    a: number;
    a2: number;
    b: number;
    bEvery: number;
    commitA: number;
    commitB: number;
  }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = await throughput('pass-through', passThrough(input, 'a'));
    const a2 = await throughput('pass-through to two topics', twoTopics());
    // Kafka Streams' default (record cache on) forwards once per key and commit; every-update
    // writes one output and one changelog record per input.
    const b = await throughput('windowed-count (emit on-commit)', windowedCountTo('on-commit'));
    const bEvery = await throughput(
      'windowed-count (emit every-update)',
      windowedCountTo('every-update'),
    );
    rounds.push({
      a: a.rps ?? 0,
      a2: a2.rps ?? 0,
      b: b.rps ?? 0,
      bEvery: bEvery.rps ?? 0,
      commitA: a.commitMs ?? 0,
      commitB: b.commitMs ?? 0,
    });
  }
  const of = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const ratio = of((r) => r.b / r.a);
  const ratioEvery = of((r) => r.bEvery / r.a);
  const ceiling = of((r) => r.a2 / r.a);
  const ratioTwo = of((r) => r.b / r.a2);
  if (ROUNDS > 1) {
    say(`pass-through: ${of((r) => r.a).text} records/s`);
    say(`pass-through to two topics: ${of((r) => r.a2).text} records/s`);
    say(
      `windowed-count on-commit: ${of((r) => r.b).text}; every-update: ${of((r) => r.bEvery).text}`,
    );
  }
  say(
    `ratio windowed / pass-through, on-commit: ${ratio.text}; every-update: ${ratioEvery.text} (target >= 0.7)`,
  );
  say(`ratio pass-through to two topics / pass-through: ${ceiling.text}`);
  say(`ratio windowed (on-commit) / pass-through to two topics: ${ratioTwo.text}`);
  const restore = await restoreSeconds();
  const fraud = FRAUD_RECORDS > 0 ? await fraudCase() : undefined;
  if (json)
    console.log(
      JSON.stringify({
        records: RECORDS,
        rounds: ROUNDS,
        passThroughRps: of((r) => r.a).value,
        windowedRps: of((r) => r.b).value,
        ratio: ratio.value,
        windowedEveryUpdateRps: of((r) => r.bEvery).value,
        ratioEveryUpdate: ratioEvery.value,
        twoTopicPassThroughRps: of((r) => r.a2).value,
        twoTopicCeiling: ceiling.value,
        ratioToTwoTopicPassThrough: ratioTwo.value,
        passThroughCommitMs: of((r) => r.commitA).value,
        windowedCommitMs: of((r) => r.commitB).value,
        restoreKeys: RESTORE_KEYS,
        restoreSeconds: Math.round(restore * 100) / 100,
        ...fraud,
      }),
    );
} finally {
  await admin.deleteTopics({ topics: [...new Set(created)] }).catch(() => undefined);
  await admin.disconnect();
  rmSync(stateDir, { recursive: true, force: true });
}
