import { constraintOf, sqlState } from '../db/database-errors.js';
import type { Query } from '../db/query.js';
import { PaymentsApiError } from '../errors.js';
import type { Payment, PaymentRequest } from './payment-schemas.js';

/** What is written: the request with the card number already replaced by its token. */
export interface NewPayment extends Omit<PaymentRequest, 'cardNumber'> {
  id: string;
  cardToken: string;
  idempotencyKey: string | undefined;
  requestHash: string;
}

export interface InsertOutcome {
  id: string;
  /** True when an earlier request with the same Idempotency-Key already wrote the payment. */
  replayed: boolean;
}

// One round trip on the happy path: resolve card and merchant and insert in one statement.
// The outer SELECT always yields a row, telling a missing card or merchant from a conflict.
const INSERT = `
WITH card AS (SELECT id, account_id, last4 FROM cards WHERE pan_token = $2),
     merchant AS (SELECT id FROM merchants WHERE id = $3),
     inserted AS (
       INSERT INTO payments (id, card_id, account_id, card_token, card_last4, merchant_id,
                             amount_minor, currency, channel, country, device_fingerprint,
                             ip_address, lat, lon, idempotency_key, request_hash)
       SELECT $1, card.id, card.account_id, $2, card.last4, merchant.id,
              $4, $5, $6, $7, $8, $9::inet, $10, $11, $12, $13
         FROM card, merchant
       ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id)
SELECT EXISTS (SELECT 1 FROM card) AS card_found,
       EXISTS (SELECT 1 FROM merchant) AS merchant_found,
       (SELECT id FROM inserted) AS id`;

export async function insertPayment(query: Query, p: NewPayment): Promise<InsertOutcome> {
  let row;
  try {
    const result = await query<{ card_found: boolean; merchant_found: boolean; id: string | null }>(
      INSERT,
      [
        p.id,
        p.cardToken,
        p.merchantId,
        p.amountMinor,
        p.currency,
        p.channel,
        p.country,
        p.deviceFingerprint ?? null,
        p.ipAddress ?? null,
        p.geo?.lat ?? null,
        p.geo?.lon ?? null,
        p.idempotencyKey ?? null,
        p.requestHash,
      ],
      'insert-payment',
    );
    row = result.rows[0];
  } catch (error) {
    if (sqlState(error) === '23503' && constraintOf(error) === 'payments_currency_fkey') {
      throw new PaymentsApiError('UNKNOWN_CURRENCY', `currency ${p.currency} is not accepted`);
    }
    throw error;
  }
  if (!row?.card_found) throw new PaymentsApiError('UNKNOWN_CARD', 'no such card');
  if (!row.merchant_found) {
    throw new PaymentsApiError('UNKNOWN_MERCHANT', `no merchant ${p.merchantId}`);
  }
  if (row.id) return { id: row.id, replayed: false };
  return findByIdempotencyKey(query, p);
}

// The key was taken (by a retry of this request, or by a concurrent twin that has committed
// since: a fresh statement sees it). The same key with a different request is refused.
async function findByIdempotencyKey(query: Query, p: NewPayment): Promise<InsertOutcome> {
  const existing = await query<{ id: string; request_hash: string }>(
    'SELECT id, request_hash FROM payments WHERE idempotency_key = $1',
    [p.idempotencyKey],
  );
  const first = existing.rows[0];
  if (!first) throw new Error('idempotency conflict without a stored payment');
  if (first.request_hash !== p.requestHash) {
    throw new PaymentsApiError(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was used for a different request',
    );
  }
  return { id: first.id, replayed: true };
}

interface PaymentRow {
  id: string;
  card_id: string;
  account_id: string;
  merchant_id: string;
  card_last4: string;
  amount_minor: string;
  currency: string;
  channel: string;
  country: string;
  device_fingerprint: string | null;
  ip_address: string | null;
  lat: number | null;
  lon: number | null;
  created_at: Date;
  score: number | null;
  decision: string | null;
  model_version: string | null;
  scored_at: Date | null;
}

export async function findPayment(query: Query, id: string): Promise<Payment | undefined> {
  const { rows } = await query<PaymentRow>(
    `SELECT p.id, p.card_id, p.account_id, p.merchant_id, p.card_last4, p.amount_minor,
            p.currency, p.channel, p.country, p.device_fingerprint, host(p.ip_address) AS ip_address,
            p.lat, p.lon, p.created_at, s.score, s.decision, s.model_version, s.scored_at
       FROM payments p LEFT JOIN payment_scores s ON s.payment_id = p.id
      WHERE p.id = $1`,
    [id],
    'find-payment',
  );
  const r = rows[0];
  if (!r) return undefined;
  const score =
    r.score !== null && r.decision !== null && r.model_version !== null && r.scored_at !== null
      ? {
          value: r.score,
          decision: r.decision,
          modelVersion: r.model_version,
          scoredAt: r.scored_at.toISOString(),
        }
      : null;
  return {
    id: r.id,
    cardId: r.card_id,
    accountId: r.account_id,
    merchantId: r.merchant_id,
    cardLast4: r.card_last4,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    channel: r.channel,
    country: r.country,
    deviceFingerprint: r.device_fingerprint,
    ipAddress: r.ip_address,
    geo: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    createdAt: r.created_at.toISOString(),
    status: score ? 'scored' : 'received',
    score,
  };
}
