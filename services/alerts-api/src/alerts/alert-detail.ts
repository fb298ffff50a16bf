import type { Db } from '../db/db.js';
import {
  SUMMARY_COLUMNS,
  toAuditEntry,
  toCardPayment,
  toSummary,
  type AlertRow,
  type AuditRow,
  type CardPaymentRow,
} from './alert-rows.js';
import type { AlertDetail } from './alert-schemas.js';

/** How many of the card's latest scored payments come with an alert. */
export const RECENT_PAYMENTS = 20;

/** One alert with its features, audit log, the card's recent payments and its label state. */
export async function findAlertDetail(db: Db, alertId: string): Promise<AlertDetail | undefined> {
  const { rows } = await db.query<AlertRow & { features: Record<string, number> }>(
    `SELECT ${SUMMARY_COLUMNS}, features FROM alerts WHERE alert_id = $1`,
    [alertId],
    'alert-by-id',
  );
  const alert = rows[0];
  if (!alert) return undefined;
  const [audit, payments, label] = await Promise.all([
    db.query<AuditRow>(
      `SELECT at, actor, action, from_status, to_status, assignee, resolution, comment
         FROM alert_audit WHERE alert_id = $1 ORDER BY id`,
      [alertId],
      'alert-audit',
    ),
    db.query<CardPaymentRow>(
      `SELECT payment_id, event_time, amount_minor, currency, amount_eur, country, merchant_id,
              mcc, channel, score, decision, model_version
         FROM scored_payments WHERE card_id = $1
        ORDER BY event_time DESC LIMIT ${RECENT_PAYMENTS}`,
      [alert.card_id],
      'card-recent-payments',
    ),
    db.query<{ published_at: Date | null }>(
      'SELECT published_at FROM label_outbox WHERE alert_id = $1 ORDER BY id DESC LIMIT 1',
      [alertId],
      'alert-label',
    ),
  ]);
  return {
    ...toSummary(alert),
    features: alert.features,
    audit: audit.rows.map(toAuditEntry),
    recentPayments: payments.rows.map(toCardPayment),
    labelPublishedAt: label.rows[0]?.published_at?.toISOString() ?? null,
  };
}
