import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssignerProtocol, type Admin, type Kafka, type Message } from 'kafkajs';
import { readCommittedWithJava, testKafka } from '../support.js';
import { finalCounts, referenceCounts } from './count-topology.js';

/** What the fault and rebalance tests share: one broker, its clients and a scratch folder. */
export interface FaultContext {
  kafka: Kafka;
  admin: Admin;
  /** KAFKA_BROKERS of the topology processes and the independent reader. */
  brokers: string;
  workDir: string;
  suffix: string;
  /** Filled by `scenario`; on the shared broker the test file deletes them in `after`. */
  topicsToDelete: string[];
  /** Every topology process started; `closeFaultContext` kills those a failed test left. */
  children: Set<ChildProcess>;
}

/** The Kafka clients and scratch folder a fault test file shares; close it in `after`. */
export async function openFaultContext(name: string, brokers?: string): Promise<FaultContext> {
  const client = testKafka(name, brokers);
  const admin = client.kafka.admin();
  await admin.connect();
  return {
    kafka: client.kafka,
    admin,
    brokers: client.brokers,
    workDir: mkdtempSync(join(tmpdir(), `${name}-`)),
    suffix: client.suffix,
    topicsToDelete: [],
    children: new Set(),
  };
}

/** FAULT_KEEP=1 keeps the topology processes' logs and state for a look after a failure. */
export async function closeFaultContext(ctx: FaultContext | undefined): Promise<void> {
  if (!ctx) return;
  // A running child would keep this test file alive until the runner's timeout.
  await Promise.all([...ctx.children].map(kill9));
  await ctx.admin.deleteTopics({ topics: ctx.topicsToDelete }).catch(() => undefined);
  await ctx.admin.disconnect();
  if (process.env.FAULT_KEEP === '1') console.log(`kept ${ctx.workDir}`);
  else rmSync(ctx.workDir, { recursive: true, force: true });
}

export const RECORDS = Number(process.env.FAULT_RECORDS ?? 100_000);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const randomBetween = (min: number, max: number) =>
  min + Math.floor(Math.random() * (max - min));

/** Topics and an application id of one scenario; `start(n)` spawns topology instance n. */
export function scenario(ctx: FaultContext, name: string) {
  const id = `${name}-${ctx.suffix}`;
  const topics = {
    input: `streams-fault-in-${id}`,
    output: `streams-fault-out-${id}`,
    dlq: `streams-fault-dlq-${id}`,
  };
  const app = `streams-fault-${id}`;
  ctx.topicsToDelete.push(...Object.values(topics), `${app}-counts-changelog`);
  const start = (instance: number): ChildProcess => {
    const log = openSync(join(ctx.workDir, `${name}-${instance}.log`), 'a');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'run-topology.ts')],
      {
        env: {
          ...process.env,
          KAFKA_BROKERS: ctx.brokers,
          FAULT_APP: app,
          FAULT_INPUT: topics.input,
          FAULT_OUTPUT: topics.output,
          FAULT_DLQ: topics.dlq,
          FAULT_STATE_DIR: join(ctx.workDir, `${name}-state-${instance}`),
        },
        stdio: ['ignore', log, log],
      },
    );
    ctx.children.add(child);
    return child;
  };
  /** Committed input offset per partition. */
  const committedOffsets = async (): Promise<Map<number, number>> => {
    const [offsets] = await retrying(() =>
      ctx.admin.fetchOffsets({ groupId: app, topics: [topics.input] }),
    );
    return new Map((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  };
  /** Input records the application committed (its group's offsets), summed over partitions. */
  const committedInput = async (): Promise<number> =>
    [...(await committedOffsets()).values()].reduce((sum, n) => sum + Math.max(0, n), 0);
  /** Input partitions per member of the application's consumer group, when it is stable. */
  const assignment = async (): Promise<Map<string, number[]>> => {
    const { groups } = await ctx.admin.describeGroups([app]);
    const group = groups[0];
    if (group?.state !== 'Stable') return new Map();
    return new Map(
      group.members.map((m) => [
        m.memberId,
        AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topics.input] ??
          [],
      ]),
    );
  };
  return { app, topics, start, committedInput, committedOffsets, assignment };
}

export async function createTopics(
  ctx: FaultContext,
  { input, output }: { input: string; output: string },
) {
  await ctx.admin.createTopics({
    topics: [
      { topic: input, numPartitions: 4 },
      { topic: output, numPartitions: 4 },
    ],
    waitForLeaders: true,
  });
}

/**
 * The workload arrives while the topology runs (and gets killed): `RECORDS` records in chunks
 * of 2,500 every `chunkDelayMs` (500: ~20 s of input at ~5k records/s). The producer is idempotent and
 * retries a chunk until it lands, so it rides out a broker restart without losing or
 * duplicating input; `sent()` tells how far it got.
 */
export function trickleWorkload(ctx: FaultContext, input: string, { chunkDelayMs = 500 } = {}) {
  const base = Date.now() - 600_000;
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    key: `card-${(i * 31) % 500}`,
    timestamp: base + ((i * 7919) % 600_000),
  }));
  let sent = 0;
  const produced = (async () => {
    const producer = ctx.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 30, maxRetryTime: 2000 },
    });
    await producer.connect();
    for (let i = 0; i < records.length; i += 2500) {
      const messages: Message[] = records
        .slice(i, i + 2500)
        .map((r) => ({ key: r.key, value: 'payment', timestamp: String(r.timestamp) }));
      // A failed send left the sequence numbers as they were: resending it is deduplicated.
      for (let attempt = 1; ; attempt++) {
        try {
          await producer.send({ topic: input, messages, acks: -1 });
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(1000);
        }
      }
      sent += messages.length;
      await sleep(chunkDelayMs);
    }
    await producer.disconnect();
  })();
  return { records, produced, sent: () => sent };
}

/** Records in a non-transactional topic: the sum of its partitions' high watermarks. */
export async function topicRecords(ctx: FaultContext, topic: string): Promise<number> {
  const offsets = await ctx.admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

/** An upper bound of committed output records: the high watermarks also count markers. */
export const committedOutputs = (ctx: FaultContext, output: string) => topicRecords(ctx, output);

export const isRunning = (child: ChildProcess) =>
  child.exitCode === null && child.signalCode === null;

export function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (!isRunning(child)) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * A clean stop: SIGTERM makes the topology close (last commit, checkpoints, leave group). A
 * topology that does not close within `timeoutMs` is a failure; it is killed so that the test
 * reports it instead of hanging.
 */
export async function stop(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = once(child, 'exit', { signal: AbortSignal.timeout(timeoutMs) });
  child.kill('SIGTERM');
  const stopped = await exited.then(
    () => true,
    () => false,
  );
  if (stopped) return;
  await kill9(child);
  assert.fail(`topology process ${child.pid} did not stop within ${timeoutMs} ms of SIGTERM`);
}

/** Stops every instance, also when one of them fails to stop; then reports the first failure. */
export async function stopAll(children: Array<ChildProcess | undefined>): Promise<void> {
  const results = await Promise.allSettled(children.map((c) => (c ? stop(c) : undefined)));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Retries what fails with a retriable Kafka error for up to 30 s: a broker that just started or
 * restarted answers NOT_COORDINATOR while it loads the group coordinator.
 */
async function retrying<T>(request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await request();
    } catch (error) {
      const retriable = error instanceof Error && 'retriable' in error && error.retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Once the application committed the whole input, the input holds exactly the workload and
 * the committed output, read by Kafka's own read_committed consumer, holds exactly one update
 * per input record whose final counts equal a straightforward computation.
 */
export async function assertExactlyOnce(
  ctx: FaultContext,
  { topics, committedInput }: Pick<ReturnType<typeof scenario>, 'topics' | 'committedInput'>,
  records: Array<{ key: string; timestamp: number }>,
) {
  assert.equal(await topicRecords(ctx, topics.input), records.length, 'the input is the workload');
  await waitFor(
    'the application to commit all its input',
    async () => (await committedInput()) === records.length,
    180_000,
  );
  const outputs = await readCommittedWithJava(ctx.brokers, topics.output);
  assert.equal(outputs.length, records.length, 'exactly one committed update per input record');
  assert.deepEqual(
    new Map([...finalCounts(outputs)].sort()),
    new Map([...referenceCounts(records)].sort()),
  );
}
