import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutgoingRecord } from '../records/index.js';
import { toSends } from './to-kafka-messages.js';

const record = (topic: string, n: number, bytes: number, partition = 0): OutgoingRecord => ({
  topic,
  partition,
  key: Buffer.from(String(n)),
  value: Buffer.alloc(bytes, n),
  timestamp: n,
});

const valuesOf = (sends: ReturnType<typeof toSends>) =>
  sends.map((send) => send.map(({ topic, messages }) => [topic, messages.map((m) => m.timestamp)]));

test('a cycle under the limit is one send, grouped by topic in production order', () => {
  const sends = toSends([record('out', 1, 10), record('log', 2, 10), record('out', 3, 10)], 1000);
  assert.deepEqual(valuesOf(sends), [
    [
      ['out', ['1', '3']],
      ['log', ['2']],
    ],
  ]);
});

test('a large cycle is cut into sends that keep each partition under the limit, in order', () => {
  const records = Array.from({ length: 10 }, (_, i) => record(i % 2 ? 'log' : 'out', i, 400));
  const sends = toSends(records, 1000);
  assert.equal(sends.length, 3); // two records of each topic per send
  const order = sends.flatMap((send) =>
    send.flatMap(({ messages }) => messages.map((m) => Number(m.timestamp))),
  );
  assert.deepEqual(
    order.sort((a, b) => a - b),
    records.map((r) => r.timestamp),
  );
  for (const send of sends)
    for (const { topic, messages } of send) {
      const bytes = messages.reduce((n, m) => n + (m.value?.length ?? 0), 0);
      assert.ok(bytes <= 1000, `a send holds ${bytes} bytes of values for ${topic}`);
    }
});

test('writes spread over partitions share a send', () => {
  const records = Array.from({ length: 8 }, (_, i) => record('out', i, 400, i % 4));
  assert.equal(toSends(records, 1000).length, 1);
});

test('a record larger than the limit is sent alone', () => {
  const sends = toSends([record('out', 1, 10), record('out', 2, 5000), record('out', 3, 10)], 1000);
  assert.deepEqual(valuesOf(sends), [[['out', ['1']]], [['out', ['2']]], [['out', ['3']]]]);
});
