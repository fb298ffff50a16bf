import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from 'kafkajs';
import { sendOffsetsWithRetry } from './send-offsets.js';

const protocolError = (type: string) => Object.assign(new Error(type), { type, retriable: true });

function fakeTransaction(failures: Error[]): { transaction: Transaction; calls: () => number } {
  let calls = 0;
  const transaction = {
    sendOffsets: async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
    },
  } as Partial<Transaction> as Transaction;
  return { transaction, calls: () => calls };
}

const args = { consumerGroupId: 'g', topics: [] };

test('CONCURRENT_TRANSACTIONS from AddOffsetsToTxn is retried until it clears', async () => {
  const { transaction, calls } = fakeTransaction([
    protocolError('CONCURRENT_TRANSACTIONS'),
    protocolError('CONCURRENT_TRANSACTIONS'),
  ]);
  await sendOffsetsWithRetry(transaction, args, { backoffMs: 1 });
  assert.equal(calls(), 3);
});

test('a fencing error is not retried: the caller must drop the producer', async () => {
  const { transaction, calls } = fakeTransaction([protocolError('INVALID_PRODUCER_EPOCH')]);
  await assert.rejects(sendOffsetsWithRetry(transaction, args, { backoffMs: 1 }), {
    type: 'INVALID_PRODUCER_EPOCH',
  });
  assert.equal(calls(), 1);
});

test('retries are bounded', async () => {
  const failures = Array.from({ length: 5 }, () => protocolError('CONCURRENT_TRANSACTIONS'));
  const { transaction, calls } = fakeTransaction(failures);
  await assert.rejects(sendOffsetsWithRetry(transaction, args, { attempts: 3, backoffMs: 1 }));
  assert.equal(calls(), 3);
});
