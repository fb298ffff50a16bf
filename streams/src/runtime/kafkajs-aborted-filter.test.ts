/**
 * kafkajs 2.2.4 as patched by patches/kafkajs+2.2.4.patch: read_committed must drop every record
 * of an aborted transaction even when the broker lists aborted transactions in abort order and
 * several of them began before one record (producers interleaving in one partition, as after a
 * broker restart). The unpatched filter hands such records out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

interface FetchedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}
interface AbortedTransaction {
  producerId: string;
  firstOffset: string;
}

// Internal modules of kafkajs (no types): the fetch path's filter and the batch built on it.
const require = createRequire(import.meta.url);
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages.js') as (args: {
  messages: FetchedMessage[];
  abortedTransactions: AbortedTransaction[];
}) => FetchedMessage[];
const Batch = require('kafkajs/src/consumer/batch.js') as new (
  topic: string,
  fetchedOffset: string,
  partitionData: {
    partition: number;
    highWatermark: string;
    abortedTransactions: AbortedTransaction[];
    messages: FetchedMessage[];
  },
) => { messages: FetchedMessage[] };

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);

/** One partition's log: `tx` records belong to a transaction, `marker`s are control records. */
function log(
  entries: Array<[producer: string, kind: 'tx' | 'plain' | 'abort' | 'commit', label?: string]>,
): FetchedMessage[] {
  return entries.map(([producerId, kind, label], offset) => ({
    offset: String(offset),
    key: kind === 'abort' ? ABORT : kind === 'commit' ? COMMIT : null,
    value: label === undefined ? null : Buffer.from(label),
    isControlRecord: kind === 'abort' || kind === 'commit',
    batchContext: { producerId, inTransaction: kind !== 'plain' },
  }));
}

const labels = (messages: FetchedMessage[]) =>
  messages.filter((m) => !m.isControlRecord).map((m) => m.value?.toString());

// Producers 11, 12 and 13 interleave; 11 and 12 abort in the opposite order they began, both
// began before 12's second record, and 11 aborts a second transaction after committing one.
const interleaved = log([
  ['11', 'tx', 'a1-aborted'], // 0: 11's first transaction begins
  ['12', 'tx', 'b1-aborted'], // 1: 12's transaction begins
  ['13', 'tx', 'c1-committed'], // 2
  ['12', 'tx', 'b2-aborted'], // 3
  ['11', 'tx', 'a2-aborted'], // 4
  ['12', 'abort'], // 5: 12 aborts first
  ['14', 'plain', 'd1-plain'], // 6: not transactional
  ['11', 'tx', 'a3-aborted'], // 7
  ['11', 'abort'], // 8: 11 aborts its first transaction
  ['13', 'commit'], // 9
  ['11', 'tx', 'a4-committed'], // 10: 11's second transaction commits
  ['11', 'commit'], // 11
  ['11', 'tx', 'a5-aborted'], // 12: 11's third transaction aborts
  ['13', 'tx', 'c2-committed'], // 13
  ['11', 'abort'], // 14
  ['13', 'commit'], // 15
]);
// As the broker sends them: in the order the aborts happened.
const abortOrder: AbortedTransaction[] = [
  { producerId: '12', firstOffset: '1' },
  { producerId: '11', firstOffset: '0' },
  { producerId: '11', firstOffset: '12' },
];
const committed = ['c1-committed', 'd1-plain', 'a4-committed', 'c2-committed'];

test('aborted transactions listed in abort order, interleaved across producers, stay hidden', () => {
  const kept = filterAbortedMessages({ messages: interleaved, abortedTransactions: abortOrder });
  assert.deepEqual(labels(kept), committed);
});

test('the result does not depend on the order of the aborted list', () => {
  const [first, second, third] = abortOrder as [
    AbortedTransaction,
    AbortedTransaction,
    AbortedTransaction,
  ];
  for (const order of [
    [third, second, first],
    [second, third, first],
    [second, first, third],
  ]) {
    const kept = filterAbortedMessages({ messages: interleaved, abortedTransactions: order });
    assert.deepEqual(labels(kept), committed);
  }
});

test('a fetch starting mid-log gets the same records through the consumer batch', () => {
  // The broker returns whole record batches from before the fetch offset; kafkajs drops those
  // records first, then filters: offsets 3.. must give the committed records from 3 on.
  const batch = new Batch('t', '3', {
    partition: 0,
    highWatermark: '16',
    abortedTransactions: abortOrder,
    messages: interleaved,
  });
  assert.deepEqual(labels(batch.messages), ['d1-plain', 'a4-committed', 'c2-committed']);
  assert.ok(batch.messages.every((m) => !m.isControlRecord));
});

test('a data record whose key looks like an abort marker does not end an aborted transaction', () => {
  const messages = log([
    ['21', 'tx', 'e1-aborted'],
    ['21', 'tx', 'e2-aborted'],
    ['21', 'abort'],
  ]);
  const keyed = messages[0];
  assert.ok(keyed);
  keyed.key = ABORT;
  const kept = filterAbortedMessages({
    messages,
    abortedTransactions: [{ producerId: '21', firstOffset: '0' }],
  });
  assert.deepEqual(labels(kept), []);
});
