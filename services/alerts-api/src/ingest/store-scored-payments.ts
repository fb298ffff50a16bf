import type pg from 'pg';
import type { ScoredPayment } from '@fraud/schemas';

function latestPerPayment(payments: readonly ScoredPayment[]): ScoredPayment[] {
  const latest = new Map<string, ScoredPayment>();
  for (const p of payments) {
    const seen = latest.get(p.paymentId);
    if (!seen || seen.processedAt <= p.processedAt) latest.set(p.paymentId, p);
  }
  return [...latest.values()];
}

/**
 * Stores scored payments in the caller's transaction: the recent-payments table (card history,
 * features, stats) and payments-api's `payment_scores`, which GET /payments/:id reads. A score
 * for a payment this database does not hold (another environment's, or a test's) is kept here
 * but not in payment_scores, whose foreign key would otherwise fail the whole batch.
 */
export async function storeScoredPayments(
  client: pg.ClientBase,
  payments: readonly ScoredPayment[],
): Promise<void> {
  if (payments.length === 0) return;
  const rows = JSON.stringify(
    latestPerPayment(payments).map((p) => ({
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
      event_time_ms: p.eventTime,
      processed_at_ms: p.processedAt,
      feature_set: p.featureSet,
      features: p.features,
      model_version: p.modelVersion,
      score: p.score,
      decision: p.decision,
    })),
  );
  const columns = `payment_id uuid, card_id uuid, account_id uuid, merchant_id uuid,
    card_last4 text, amount_minor bigint, currency text, amount_eur double precision,
    channel text, country text, merchant_country text, mcc text, event_time_ms bigint,
    processed_at_ms bigint, feature_set text, features double precision[], model_version text,
    score double precision, decision text`;
  await client.query(
    `INSERT INTO scored_payments AS s (payment_id, card_id, account_id, merchant_id, card_last4,
            amount_minor, currency, amount_eur, channel, country, merchant_country, mcc,
            event_time, processed_at, feature_set, features, model_version, score, decision)
     SELECT payment_id, card_id, account_id, merchant_id, card_last4, amount_minor, currency,
            amount_eur, channel, country, merchant_country, mcc,
            'epoch'::timestamptz + event_time_ms * interval '1 millisecond',
            'epoch'::timestamptz + processed_at_ms * interval '1 millisecond',
            feature_set, features, model_version, score, decision
       FROM jsonb_to_recordset($1::jsonb) AS r(${columns})
     ON CONFLICT (payment_id) DO UPDATE SET
            card_id = EXCLUDED.card_id, account_id = EXCLUDED.account_id,
            merchant_id = EXCLUDED.merchant_id, card_last4 = EXCLUDED.card_last4,
            amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
            amount_eur = EXCLUDED.amount_eur, channel = EXCLUDED.channel,
            country = EXCLUDED.country, merchant_country = EXCLUDED.merchant_country,
            mcc = EXCLUDED.mcc, event_time = EXCLUDED.event_time,
            processed_at = EXCLUDED.processed_at, feature_set = EXCLUDED.feature_set,
            features = EXCLUDED.features, model_version = EXCLUDED.model_version,
            score = EXCLUDED.score, decision = EXCLUDED.decision
      WHERE s.processed_at < EXCLUDED.processed_at`,
    [rows],
  );
  await client.query(
    `INSERT INTO payment_scores AS ps (payment_id, score, decision, model_version, scored_at)
     SELECT r.payment_id, r.score, r.decision, r.model_version,
            'epoch'::timestamptz + r.processed_at_ms * interval '1 millisecond'
       FROM jsonb_to_recordset($1::jsonb) AS r(${columns})
       JOIN payments p ON p.id = r.payment_id
     ON CONFLICT (payment_id) DO UPDATE SET
            score = EXCLUDED.score, decision = EXCLUDED.decision,
            model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at
      WHERE ps.scored_at < EXCLUDED.scored_at`,
    [rows],
  );
}
