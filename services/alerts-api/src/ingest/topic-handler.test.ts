import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import { DeserializationError } from '@fraud/schemas';
import { recordHandler } from './topic-handler.js';

const message = (offset: number, value: string | null): KafkaMessage => ({
  key: null,
  value: value === null ? null : Buffer.from(value),
  timestamp: '0',
  attributes: 0,
  offset: String(offset),
  headers: {},
});

// A decoder stand-in: JSON numbers decode, "bad" is undecodable, "down" is a registry outage.
const decoder = {
  decode: async (bytes: Buffer): Promise<number> => {
    const text = bytes.toString();
    if (text === 'bad') throw new DeserializationError('BAD_MAGIC_BYTE', 'not wire format');
    if (text === 'down') throw new Error('registry unreachable');
    return Number(text);
  },
};

test('good records are stored from the given offset on; bad ones are rejected with why', async () => {
  const stored: number[][] = [];
  const handler = recordHandler<number>({
    topic: 't',
    decoder,
    problems: (n) => (n < 0 ? ['value: negative'] : []),
    store: async (_client, records) => {
      stored.push(records);
      return [];
    },
  });
  const batch = await handler.decode([
    message(10, '1'),
    message(11, 'bad'),
    message(12, '-5'),
    message(13, null),
    message(14, '2'),
    message(15, '3'),
  ]);
  assert.equal(batch.accepted, 3);
  assert.deepEqual(
    batch.rejected.map((r) => [r.message.offset, r.reason, r.detail]),
    [
      ['11', 'deserialization', 'AVRO_BAD_MAGIC_BYTE: not wire format'],
      ['12', 'invalid-record', 'value: negative'],
      ['13', 'deserialization', 'the record has no value'],
    ],
  );
  await batch.store({} as pg.ClientBase, 14n);
  assert.deepEqual(stored, [[2, 3]], 'records before the stored offset are not applied again');
});

test('an error that may pass (registry down) fails the batch instead of dead-lettering', async () => {
  const handler = recordHandler<number>({
    topic: 't',
    decoder,
    problems: () => [],
    store: async () => [],
  });
  await assert.rejects(handler.decode([message(1, '1'), message(2, 'down')]), /unreachable/);
});
