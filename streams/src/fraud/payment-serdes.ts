import { createHash } from 'node:crypto';
import { DeserializationError } from '../errors/index.js';
import { isObject, parseDebeziumChange, parseDebeziumJson } from '../cdc/index.js';
import type { Serde } from '../serdes/index.js';
import { isPaymentRow, toPaymentEvent } from './cdc-rows.js';
import { isKnownCurrency } from './features/reference-rates.js';
import type { PaymentEvent } from './payment.js';

/** A decoded payments CDC record: the operation and, for creates and reads, the payment. */
export interface PaymentChange {
  op: 'c' | 'u' | 'd' | 'r' | 't';
  payment: PaymentEvent | null;
}

/**
 * Key of the payments CDC topic: Debezium writes `{"card_id": "…"}` (the connector's
 * `message.key.columns`), so records are already partitioned by card.
 */
export const cardKeySerde: Serde<string> = {
  serialize: (cardId) => Buffer.from(JSON.stringify({ card_id: cardId })),
  deserialize: (bytes) => {
    if (bytes === null) throw new DeserializationError('payment record without key');
    const key = parseDebeziumJson(bytes);
    const cardId = isObject(key) ? key['card_id'] : undefined;
    if (typeof cardId !== 'string') throw new DeserializationError('key has no card_id');
    return cardId;
  },
};

/**
 * Value of the payments CDC topic, validated: a payment that fails here (wrong shape, a
 * currency without a reference rate) reaches the dead-letter topic with the reason.
 */
export const paymentChangeSerde: Serde<PaymentChange | null> = {
  serialize: (change) => (change === null ? null : Buffer.from(JSON.stringify(change))),
  deserialize: (bytes) => {
    if (bytes === null) return null; // tombstone
    const change = parseDebeziumChange(bytes, isPaymentRow);
    const row = change.after;
    if (row && !isKnownCurrency(row.currency))
      throw new DeserializationError(`currency ${row.currency} has no reference rate`);
    return {
      op: change.op,
      payment:
        row && (change.op === 'c' || change.op === 'r')
          ? toPaymentEvent(row, change.sourceTsMs)
          : null,
    };
  },
};

/** One alert per payment, with an id a replay reproduces (name-based, UUID v5 layout). */
export function alertIdFor(paymentId: string): string {
  const hex = createHash('sha1').update(`fraud-alert:${paymentId}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
