import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin, Message } from 'kafkajs';
import { ensureStack } from '@fraud/stack';
import { readCommitted, testKafka } from '../support.js';
import { finalCounts, referenceCounts } from './count-topology.js';

/**
 * Exactly-once under kill -9: while a known workload is processed, the topology process is
 * killed at random moments and restarted; the committed output must hold exactly one update
 * per input record and the same final counts as a straightforward computation.
 */
const { kafka, suffix } = testKafka('streams-fault');
const workDir = mkdtempSync(join(tmpdir(), 'streams-fault-'));
const RECORDS = Number(process.env.FAULT_RECORDS ?? 100_000);
let admin: Admin;
const topicsToDelete: string[] = [];

before(async () => {
  await ensureStack();
  admin = kafka.admin();
  await admin.connect();
});

after(async () => {
  await admin.deleteTopics({ topics: topicsToDelete }).catch(() => undefined);
  await admin.disconnect();
  rmSync(workDir, { recursive: true, force: true });
});

function scenario(name: string) {
  const id = `${name}-${suffix}`;
  const topics = {
    input: `streams-fault-in-${id}`,
    output: `streams-fault-out-${id}`,
    dlq: `streams-fault-dlq-${id}`,
  };
  const app = `streams-fault-${id}`;
  topicsToDelete.push(...Object.values(topics), `${app}-counts-changelog`);
  const start = (instance: number): ChildProcess => {
    const log = openSync(join(workDir, `${name}-${instance}.log`), 'a');
    return spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'run-topology.ts')],
      {
        env: {
          ...process.env,
          FAULT_APP: app,
          FAULT_INPUT: topics.input,
          FAULT_OUTPUT: topics.output,
          FAULT_DLQ: topics.dlq,
          FAULT_STATE_DIR: join(workDir, `${name}-state-${instance}`),
        },
        stdio: ['ignore', log, log],
      },
    );
  };
  return { topics, start };
}

async function createTopics({ input, output }: { input: string; output: string }) {
  await admin.createTopics({
    topics: [
      { topic: input, numPartitions: 4 },
      { topic: output, numPartitions: 4 },
    ],
    waitForLeaders: true,
  });
}

/**
 * The workload arrives while the topology runs (and gets killed): `RECORDS` records in chunks
 * of 2,500 every 500 ms, so ~20 s of input at ~5k records/s.
 */
function trickleWorkload(input: string) {
  const base = Date.now() - 600_000;
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    key: `card-${(i * 31) % 500}`,
    timestamp: base + ((i * 7919) % 600_000),
  }));
  const produced = (async () => {
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < records.length; i += 2500) {
      const messages: Message[] = records
        .slice(i, i + 2500)
        .map((r) => ({ key: r.key, value: 'payment', timestamp: String(r.timestamp) }));
      await producer.send({ topic: input, messages });
      await sleep(500);
    }
    await producer.disconnect();
  })();
  return { records, produced };
}

/** An upper bound of committed output records: the high watermarks also count markers. */
async function committedOutputs(output: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(output);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function assertExactlyOnce(
  output: string,
  records: Array<{ key: string; timestamp: number }>,
) {
  const outputs = await readCommitted(kafka, output, (seen) => seen.length >= records.length, {
    timeoutMs: 180_000,
    settleMs: 3000,
  });
  assert.equal(outputs.length, records.length, 'exactly one committed update per input record');
  assert.deepEqual(
    new Map([...finalCounts(outputs)].sort()),
    new Map([...referenceCounts(records)].sort()),
  );
}

test('kill -9 at random moments, restart each time: output is exactly-once', async (t) => {
  const { topics, start } = scenario('single');
  await createTopics(topics);
  const { records, produced } = trickleWorkload(topics.input);
  const progressAtKills: number[] = [];
  for (let kill = 0; kill < 4; kill++) {
    const child = start(0);
    // A restart takes ~6 s (the dead member's session timeout) before it processes again.
    await sleep(randomBetween(4000, 10_000));
    await kill9(child);
    progressAtKills.push(await committedOutputs(topics.output));
  }
  t.diagnostic(`committed output high watermarks at the kills: ${progressAtKills.join(', ')}`);
  // The kills must hit a running workload, or this test would prove nothing.
  assert.ok(
    progressAtKills.some((n) => n < records.length),
    `every kill came after the work was done: ${progressAtKills.join(', ')}`,
  );
  await produced;
  const last = start(0);
  try {
    await assertExactlyOnce(topics.output, records);
  } finally {
    await stop(last);
  }
});

test('two instances share the partitions; one is killed mid-run and the other takes over', async () => {
  const { topics, start } = scenario('pair');
  await createTopics(topics);
  const survivor = start(1);
  const victim = start(2);
  const { records, produced } = trickleWorkload(topics.input);
  await sleep(randomBetween(4000, 8000));
  await kill9(victim);
  assert.ok((await committedOutputs(topics.output)) < records.length, 'killed mid-run');
  await produced;
  try {
    await assertExactlyOnce(topics.output, records);
  } finally {
    await stop(survivor);
  }
});
