import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleScoredPayment, SCORED_PAYMENT_SCHEMA } from '@fraud/schemas';
import { defineSchema } from '../schema/index.js';
import { SCORED_PAYMENT_COLUMNS, toScoredPaymentRow } from './scored-payment-row.js';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('scored payment rows', () => {
  it('has one column per Avro field, optional exactly where Avro allows null', () => {
    const columns = new Map(SCORED_PAYMENT_COLUMNS.map((c) => [c.name as string, c]));
    for (const field of SCORED_PAYMENT_SCHEMA.fields) {
      const column = columns.get(snake(field.name));
      assert.ok(column, `a column for ${field.name}`);
      const nullable = Array.isArray(field.type) && field.type.includes('null');
      assert.equal('required' in column && column.required === true, !nullable, field.name);
    }
    assert.equal(columns.size, SCORED_PAYMENT_SCHEMA.fields.length);
    assert.doesNotThrow(() => defineSchema(SCORED_PAYMENT_COLUMNS));
  });

  it('maps a record field by field, instants as Dates', () => {
    const payment = sampleScoredPayment({ mcc: null });
    const row = toScoredPaymentRow(payment);
    assert.equal(row.payment_id, payment.paymentId);
    assert.equal(row.amount_minor, payment.amountMinor);
    assert.equal(row.mcc, null);
    assert.deepEqual(row.event_time, new Date(payment.eventTime));
    assert.deepEqual(row.processed_at, new Date(payment.processedAt));
    assert.deepEqual(row.features, payment.features);
  });

  it('refuses an instant out of a Date’s range instead of failing a whole file later', () => {
    assert.throws(() => toScoredPaymentRow(sampleScoredPayment({ eventTime: 9e15 })), {
      code: 'INVALID_ROW',
    });
  });
});
