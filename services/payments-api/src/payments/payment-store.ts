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

// One statement for a batch of payments (see payment-writer.ts): resolve cards, merchants and
// currencies and insert, row n of the input answering in row n of the result. A missing card,
// merchant or currency is answered per row instead of failing the statement for all.
const INSERT_BATCH = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::text[], $6::text[],
                       $7::text[], $8::text[], $9::text[], $10::float8[], $11::float8[],
                       $12::text[], $13::text[]) WITH ORDINALITY
    AS i(id, card_token, merchant_id, amount_minor, currency, channel, country,
         device_fingerprint, ip_address, lat, lon, idempotency_key, request_hash, n)),
resolved AS (
  SELECT i.*, c.id AS card_id, c.account_id, c.last4, m.id IS NOT NULL AS merchant_found,
         k.code IS NOT NULL AS currency_found
    FROM input i
    LEFT JOIN cards c ON c.pan_token = i.card_token
    LEFT JOIN merchants m ON m.id = i.merchant_id
    LEFT JOIN currencies k ON k.code = i.currency),
inserted AS (
  INSERT INTO payments (id, card_id, account_id, card_token, card_last4, merchant_id,
                        amount_minor, currency, channel, country, device_fingerprint,
                        ip_address, lat, lon, idempotency_key, request_hash)
  SELECT id, card_id, account_id, card_token, last4, merchant_id, amount_minor, currency,
         channel, country, device_fingerprint, ip_address::inet, lat, lon, idempotency_key,
         request_hash
    FROM resolved
   WHERE card_id IS NOT NULL AND merchant_found AND currency_found
   ORDER BY n
  ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id)
SELECT r.card_id IS NOT NULL AS card_found, r.merchant_found, r.currency_found, ins.id
  FROM resolved r LEFT JOIN inserted ins ON ins.id = r.id
 ORDER BY r.n`;

interface InsertRow {
  card_found: boolean;
  merchant_found: boolean;
  currency_found: boolean;
  id: string | null;
}

/**
 * Inserts payments in one statement, so in one transaction: all are written or, if the
 * statement fails (the database is down, a value it refuses), none. Each answers with its
 * outcome or the refusal that concerns it alone (unknown card, merchant or currency, a reused
 * Idempotency-Key).
 */
export async function insertPayments(
  query: Query,
  payments: readonly NewPayment[],
): Promise<(InsertOutcome | PaymentsApiError)[]> {
  const column = <T>(pick: (p: NewPayment) => T) => payments.map(pick);
  const { rows } = await query<InsertRow>(
    INSERT_BATCH,
    [
      column((p) => p.id),
      column((p) => p.cardToken),
      column((p) => p.merchantId),
      column((p) => p.amountMinor),
      column((p) => p.currency),
      column((p) => p.channel),
      column((p) => p.country),
      column((p) => p.deviceFingerprint ?? null),
      column((p) => p.ipAddress ?? null),
      column((p) => p.geo?.lat ?? null),
      column((p) => p.geo?.lon ?? null),
      column((p) => p.idempotencyKey ?? null),
      column((p) => p.requestHash),
    ],
    'insert-payments',
  );
  if (rows.length !== payments.length)
    throw new Error(`insert answered ${rows.length} rows for ${payments.length} payments`);
  return Promise.all(
    payments.map(async (p, i): Promise<InsertOutcome | PaymentsApiError> => {
      const row = rows[i] as InsertRow;
      if (!row.card_found) return new PaymentsApiError('UNKNOWN_CARD', 'no such card');
      if (!row.merchant_found)
        return new PaymentsApiError('UNKNOWN_MERCHANT', `no merchant ${p.merchantId}`);
      if (!row.currency_found)
        return new PaymentsApiError('UNKNOWN_CURRENCY', `currency ${p.currency} is not accepted`);
      if (row.id) return { id: row.id, replayed: false };
      return findByIdempotencyKey(query, p).catch((error: unknown) => {
        if (error instanceof PaymentsApiError) return error;
        throw error;
      });
    }),
  );
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
