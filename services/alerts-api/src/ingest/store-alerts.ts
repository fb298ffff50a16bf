import type pg from 'pg';
import type { FraudAlert } from '@fraud/schemas';
import { SUMMARY_COLUMNS, toSummary, type AlertRow } from '../alerts/alert-rows.js';
import type { NewStreamEvent } from '../live/event-log.js';

/** The newest scoring of each alert id (a batch can hold one id twice after a replay). */
function latestPerAlert(alerts: readonly FraudAlert[]): FraudAlert[] {
  const latest = new Map<string, FraudAlert>();
  for (const alert of alerts) {
    const seen = latest.get(alert.alertId);
    if (!seen || seen.processedAt <= alert.processedAt) latest.set(alert.alertId, alert);
  }
  return [...latest.values()];
}

/**
 * Upserts alerts by id in the caller's transaction and returns a live-stream event for each one
 * that is new. A re-delivered alert (same id) refreshes the scoring fields only when it was
 * processed later, and never touches the workflow state analysts have set.
 */
export async function storeAlerts(
  client: pg.ClientBase,
  alerts: readonly FraudAlert[],
): Promise<NewStreamEvent[]> {
  if (alerts.length === 0) return [];
  const rows = latestPerAlert(alerts).map((a) => ({
    alert_id: a.alertId,
    payment_id: a.paymentId,
    card_id: a.cardId,
    account_id: a.accountId,
    merchant_id: a.merchantId,
    card_last4: a.cardLast4,
    amount_minor: a.amountMinor,
    currency: a.currency,
    amount_eur: a.amountEur,
    channel: a.channel,
    country: a.country,
    mcc: a.mcc,
    event_time_ms: a.eventTime,
    processed_at_ms: a.processedAt,
    score: a.score,
    decision: a.decision,
    model_version: a.modelVersion,
    features: a.features,
    reasons: a.reasons,
  }));
  const { rows: stored } = await client.query<AlertRow & { inserted: boolean }>(
    `INSERT INTO alerts AS a (alert_id, payment_id, card_id, account_id, merchant_id, card_last4,
                              amount_minor, currency, amount_eur, channel, country, mcc,
                              event_time, processed_at, score, decision, model_version,
                              features, reasons)
     SELECT alert_id, payment_id, card_id, account_id, merchant_id, card_last4, amount_minor,
            currency, amount_eur, channel, country, mcc,
            'epoch'::timestamptz + event_time_ms * interval '1 millisecond',
            'epoch'::timestamptz + processed_at_ms * interval '1 millisecond',
            score, decision, model_version, features, reasons
       FROM jsonb_to_recordset($1::jsonb) AS r(
            alert_id uuid, payment_id uuid, card_id uuid, account_id uuid, merchant_id uuid,
            card_last4 text, amount_minor bigint, currency text, amount_eur double precision,
            channel text, country text, mcc text, event_time_ms bigint, processed_at_ms bigint,
            score double precision, decision text, model_version text, features jsonb,
            reasons jsonb)
     ON CONFLICT (alert_id) DO UPDATE SET
            payment_id = EXCLUDED.payment_id, card_id = EXCLUDED.card_id,
            account_id = EXCLUDED.account_id, merchant_id = EXCLUDED.merchant_id,
            card_last4 = EXCLUDED.card_last4, amount_minor = EXCLUDED.amount_minor,
            currency = EXCLUDED.currency, amount_eur = EXCLUDED.amount_eur,
            channel = EXCLUDED.channel, country = EXCLUDED.country, mcc = EXCLUDED.mcc,
            event_time = EXCLUDED.event_time, processed_at = EXCLUDED.processed_at,
            score = EXCLUDED.score, decision = EXCLUDED.decision,
            model_version = EXCLUDED.model_version, features = EXCLUDED.features,
            reasons = EXCLUDED.reasons
      WHERE a.processed_at < EXCLUDED.processed_at
     RETURNING ${SUMMARY_COLUMNS}, (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  return stored
    .filter((row) => row.inserted)
    .sort((x, y) => x.event_time.getTime() - y.event_time.getTime())
    .map((row) => ({ type: 'alert', alert: toSummary(row) }));
}
