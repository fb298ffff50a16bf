import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutgoingRecord } from '../records/index.js';
import { toSends } from './to-kafka-messages.js';

const record = (topic: string, n: number, bytes: number): OutgoingRecord => ({
  topic,
  partition: 0,
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

test('a large cycle is cut into sends under the limit that keep the order', () => {
  const records = Array.from({ length: 10 }, (_, i) => record(i % 2 ? 'log' : 'out', i, 400));
  const sends = toSends(records, 1000);
  assert.equal(sends.length, 5);
  const order = sends.flatMap((send) =>
    send.flatMap(({ messages }) => messages.map((m) => Number(m.timestamp))),
  );
  assert.deepEqual(
    order.sort((a, b) => a - b),
    records.map((r) => r.timestamp),
  );
  for (const send of sends) {
    const bytes = send.flatMap((t) => t.messages).reduce((n, m) => n + (m.value?.length ?? 0), 0);
    assert.ok(bytes <= 1000, `a send holds ${bytes} bytes of values`);
  }
});

test('a record larger than the limit is sent alone', () => {
  const sends = toSends([record('out', 1, 10), record('out', 2, 5000), record('out', 3, 10)], 1000);
  assert.deepEqual(valuesOf(sends), [[['out', ['1']]], [['out', ['2']]], [['out', ['3']]]]);
});
