import type { ScoredPayment } from '@fraud/schemas';
import { LakeError } from '../errors.js';
import type { ColumnSpec, RowOf } from '../schema/index.js';

/**
 * The Iceberg columns of the scored-payments table, one per field of `ScoredPayment`
 * (schemas/avro/payments.scored.avsc) in snake_case, the convention of SQL engines. Avro's
 * nullable unions are the optional columns; timestamps are `timestamptz` (UTC instants).
 *
 * Schema evolution: a field added to the Avro schema (optional, with a default) gets a column
 * appended here (optional too); on start the sink adds it to the table under a new schema id,
 * and old data files read it as null.
 */
export const SCORED_PAYMENT_COLUMNS = [
  { name: 'payment_id', type: 'string', required: true, doc: 'payment UUID' },
  { name: 'card_id', type: 'string', required: true, doc: 'card UUID' },
  { name: 'account_id', type: 'string', required: true, doc: 'account UUID' },
  { name: 'merchant_id', type: 'string', required: true, doc: 'merchant UUID' },
  { name: 'card_last4', type: 'string', required: true },
  { name: 'amount_minor', type: 'long', required: true, doc: 'minor units of currency' },
  { name: 'currency', type: 'string', required: true, doc: 'ISO 4217' },
  { name: 'amount_eur', type: 'double', required: true, doc: 'at fixed reference rates' },
  { name: 'channel', type: 'string', required: true, doc: 'card_present or online' },
  { name: 'country', type: 'string', required: true, doc: 'ISO 3166-1 alpha-2' },
  { name: 'merchant_country', type: 'string' },
  { name: 'mcc', type: 'string', doc: 'merchant category code' },
  { name: 'event_time', type: 'timestamptz', required: true, doc: 'database commit time' },
  { name: 'processed_at', type: 'timestamptz', required: true, doc: 'when it was scored' },
  { name: 'feature_set', type: 'string', required: true, doc: 'names the order of features' },
  { name: 'features', type: { list: 'double' }, required: true, doc: 'the model input' },
  { name: 'model_version', type: 'string', required: true },
  { name: 'score', type: 'double', required: true, doc: 'fraud probability, 0..1' },
  { name: 'decision', type: 'string', required: true, doc: 'approve, review or decline' },
] as const satisfies readonly ColumnSpec[];

export type ScoredPaymentRow = RowOf<typeof SCORED_PAYMENT_COLUMNS>;

/** The table is partitioned by the day of this column, so time-range queries prune files. */
export const PARTITION_COLUMN = 'event_time';

// A Date holds ±8.64e15 ms; Avro's long holds more. Out of range would fail the whole file.
const MAX_DATE_MS = 8.64e15;

function instant(field: string, ms: number): Date {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) {
    throw new LakeError('INVALID_ROW', `${field}: ${ms} is not a representable instant`, {
      context: { field },
    });
  }
  return new Date(ms);
}

/**
 * A decoded record as a table row. Avro decoding has already checked every type; what is left
 * to check is what Avro can express but the table cannot store (instants out of range).
 */
export function toScoredPaymentRow(p: ScoredPayment): ScoredPaymentRow {
  return {
    payment_id: p.paymentId,
    card_id: p.cardId,
    account_id: p.accountId,
    merchant_id: p.merchantId,
    card_last4: p.cardLast4,
    amount_minor: p.amountMinor,
    currency: p.currency,
    amount_eur: p.amountEur,
    channel: p.channel,
    country: p.country,
    merchant_country: p.merchantCountry,
    mcc: p.mcc,
    event_time: instant('eventTime', p.eventTime),
    processed_at: instant('processedAt', p.processedAt),
    feature_set: p.featureSet,
    features: p.features,
    model_version: p.modelVersion,
    score: p.score,
    decision: p.decision,
  };
}
