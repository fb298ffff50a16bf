import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEAD_LETTER_HEADERS as h } from '@fraud/common';
import { sinkDeadLetter } from './dead-letter.js';

describe('dead letters', () => {
  it('keep the original bytes and headers and add where they came from and why', () => {
    const message = sinkDeadLetter('payments.scored', 'lake-sink', {
      partition: 2,
      reason: 'deserialization',
      detail: `AVRO_BAD_MAGIC_BYTE: ${'x'.repeat(2000)}`,
      message: {
        key: Buffer.from('card'),
        value: Buffer.from([1, 2, 3]),
        timestamp: '1700000000000',
        attributes: 0,
        offset: '41',
        headers: { trace: 'abc' },
      },
    });
    assert.deepEqual(message.key, Buffer.from('card'));
    assert.deepEqual(message.value, Buffer.from([1, 2, 3]));
    assert.equal(message.timestamp, '1700000000000');
    const headers = message.headers ?? {};
    assert.equal(headers['trace'], 'abc');
    assert.equal(headers[h.topic], 'payments.scored');
    assert.equal(headers[h.partition], '2');
    assert.equal(headers[h.offset], '41');
    assert.equal(headers[h.reason], 'deserialization');
    assert.equal(headers[h.application], 'lake-sink');
    assert.equal(String(headers[h.detail]).length, 1000);
  });
});
