import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadLetterMessage } from './dead-letter.js';

test('a dead letter keeps the original bytes and headers and says where it came from and why', () => {
  const value = Buffer.from([0, 1, 2, 3]);
  const message = deadLetterMessage(
    {
      topic: 'fraud.alerts',
      partition: 3,
      offset: '42',
      key: Buffer.from('card-1'),
      value,
      timestamp: '1767225600000',
      headers: { traceparent: Buffer.from('00-abc') },
    },
    'deserialization',
    `AVRO_BAD_MAGIC_BYTE: ${'x'.repeat(2000)}`,
    'alerts-api',
  );
  assert.equal(message.value, value);
  assert.equal(message.key?.toString(), 'card-1');
  assert.equal(message.timestamp, '1767225600000');
  const headers = message.headers ?? {};
  assert.deepEqual(headers.traceparent, Buffer.from('00-abc'));
  assert.equal(headers['dlq.topic'], 'fraud.alerts');
  assert.equal(headers['dlq.partition'], '3');
  assert.equal(headers['dlq.offset'], '42');
  assert.equal(headers['dlq.reason'], 'deserialization');
  assert.equal(headers['dlq.application'], 'alerts-api');
  assert.equal(String(headers['dlq.detail']).length, 1000, 'detail is bounded');
});
