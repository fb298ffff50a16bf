import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin, Message, Producer } from 'kafkajs';
import { ensureStack } from '@fraud/stack';
import { createLogger } from '@fraud/common';
import {
  createStreamsApp,
  DEAD_LETTER_HEADERS,
  int64Serde,
  StreamsBuilder,
  stringSerde,
  tumblingWindows,
  windowedSerde,
  type StreamsApp,
} from '../src/index.js';
import { readCommitted, testKafka } from './support.js';

const { kafka, suffix } = testKafka('streams-windowed-count');
const input = `streams-it-in-${suffix}`;
const output = `streams-it-out-${suffix}`;
const deadLetterTopic = `streams-it-dlq-${suffix}`;
const applicationId = `streams-it-${suffix}`;
const stateDir = mkdtempSync(join(tmpdir(), 'streams-it-'));
const logger = createLogger({ name: 'streams-it', level: 'warn' });
const windowMs = 10_000;
const outSerdes = { keySerde: windowedSerde(stringSerde), valueSerde: int64Serde };
let admin: Admin;
let producer: Producer;

function topology() {
  const builder = new StreamsBuilder({ deadLetterTopic });
  builder
    .stream(input, { keySerde: stringSerde, valueSerde: stringSerde })
    .groupByKey()
    // Grace covers the whole input span: every record counts, so the reference is plain counting.
    .windowedBy(tumblingWindows({ sizeMs: windowMs, graceMs: 3_600_000 }))
    .count({ storeName: 'counts', keySerde: stringSerde })
    .toStream()
    .to(output, outSerdes);
  return builder.build();
}

before(async () => {
  await ensureStack();
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: input, numPartitions: 3 },
      { topic: output, numPartitions: 3 },
    ],
    waitForLeaders: true,
  });
  producer = kafka.producer();
  await producer.connect();
});

after(async () => {
  await producer?.disconnect();
  await admin?.deleteTopics({
    topics: [input, output, deadLetterTopic, `${applicationId}-counts-changelog`],
  });
  await admin?.disconnect();
  rmSync(stateDir, { recursive: true, force: true });
});

const base = Date.now() - 120_000;
const records = Array.from({ length: 3000 }, (_, i) => ({
  key: `card-${i % 37}`,
  // Spread over 12 windows and out of order, all within grace.
  timestamp: base + ((i * 7919) % 120_000),
}));

async function produce(from: number, to: number, undecodable: number): Promise<void> {
  const messages: Message[] = records.slice(from, to).map((r) => ({
    key: r.key,
    value: 'payment',
    timestamp: String(r.timestamp),
  }));
  // A null value is not a string: the source serde rejects it and the record is dead-lettered.
  for (let i = 0; i < undecodable; i++)
    messages.push({ key: `bad-${i}`, value: null, timestamp: String(base) });
  await producer.send({ topic: input, messages });
}

async function runUntil(app: StreamsApp, expectedOutputs: number): Promise<void> {
  await app.start();
  await readCommitted(kafka, output, (seen) => seen.length >= expectedOutputs, {
    timeoutMs: 90_000,
  });
  await app.close();
}

test('windowed count: committed output equals an in-memory count, across restarts', async () => {
  // Run 1: fresh state. Run 2: same LMDB dir after a clean close (checkpoint). Run 3: memory
  // stores, so the state comes entirely from the changelog, as after losing the disk.
  await produce(0, 1200, 2);
  await runUntil(
    createStreamsApp({ applicationId, topology: topology(), kafka, logger, stateDir }),
    1200,
  );
  await produce(1200, 2400, 1);
  await runUntil(
    createStreamsApp({ applicationId, topology: topology(), kafka, logger, stateDir }),
    2400,
  );
  await produce(2400, 3000, 0);
  await runUntil(
    createStreamsApp({
      applicationId,
      topology: topology(),
      kafka,
      logger,
      stateDir,
      storage: 'memory',
    }),
    3000,
  );

  const outputs = await readCommitted(kafka, output, (seen) => seen.length >= 3000, {
    settleMs: 2000,
  });
  assert.equal(outputs.length, 3000, 'one update per input record, no duplicates');

  const expected = new Map<string, number>();
  for (const r of records) {
    const id = `${r.key}@${r.timestamp - (r.timestamp % windowMs)}`;
    expected.set(id, (expected.get(id) ?? 0) + 1);
  }
  const actual = new Map<string, number>();
  for (const r of outputs) {
    const key = outSerdes.keySerde.deserialize(r.key);
    const id = `${key.key}@${key.window.start}`;
    // Each window's updates sit on one partition in order; the last one is the final count.
    actual.set(id, outSerdes.valueSerde.deserialize(r.value));
  }
  assert.deepEqual(new Map([...actual].sort()), new Map([...expected].sort()));

  const dead = await readCommitted(kafka, deadLetterTopic, (seen) => seen.length >= 3, {
    settleMs: 1000,
  });
  assert.equal(dead.length, 3);
  assert.equal(String(dead[0]?.headers[DEAD_LETTER_HEADERS.reason]), 'deserialization');
  assert.equal(String(dead[0]?.headers[DEAD_LETTER_HEADERS.topic]), input);
});
