import type { AlertStatus, Resolution } from '../workflow/state-machine.js';
import type { AlertSummary, AuditEntry, CardPayment } from './alert-schemas.js';

/** The columns of an alert summary, plus its sort key in microseconds (for cursors). */
export const SUMMARY_COLUMNS = `alert_id, payment_id, card_id, account_id, merchant_id, card_last4,
  amount_minor, currency, amount_eur, channel, country, mcc, event_time, processed_at, score,
  decision, model_version, reasons, status, assignee, resolution, created_at, updated_at,
  (extract(epoch FROM event_time) * 1000000)::bigint::text AS event_micros`;

export interface AlertRow {
  alert_id: string;
  payment_id: string;
  card_id: string;
  account_id: string;
  merchant_id: string;
  card_last4: string;
  /** bigint arrives as a string. */
  amount_minor: string;
  currency: string;
  amount_eur: number;
  channel: string;
  country: string;
  mcc: string | null;
  event_time: Date;
  processed_at: Date;
  score: number;
  decision: string;
  model_version: string;
  reasons: AlertSummary['reasons'];
  status: AlertStatus;
  assignee: string | null;
  resolution: Resolution | null;
  created_at: Date;
  updated_at: Date;
  event_micros: string;
}

export const toSummary = (r: AlertRow): AlertSummary => ({
  alertId: r.alert_id,
  paymentId: r.payment_id,
  cardId: r.card_id,
  accountId: r.account_id,
  merchantId: r.merchant_id,
  cardLast4: r.card_last4,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  amountEur: r.amount_eur,
  channel: r.channel,
  country: r.country,
  mcc: r.mcc,
  eventTime: r.event_time.toISOString(),
  processedAt: r.processed_at.toISOString(),
  score: r.score,
  decision: r.decision,
  modelVersion: r.model_version,
  reasons: r.reasons,
  status: r.status,
  assignee: r.assignee,
  resolution: r.resolution,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export interface AuditRow {
  at: Date;
  actor: string;
  action: AuditEntry['action'];
  from_status: AlertStatus;
  to_status: AlertStatus;
  assignee: string | null;
  resolution: Resolution | null;
  comment: string | null;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  assignee: r.assignee,
  resolution: r.resolution,
  comment: r.comment,
});

export interface CardPaymentRow {
  payment_id: string;
  event_time: Date;
  amount_minor: string;
  currency: string;
  amount_eur: number;
  country: string;
  merchant_id: string;
  mcc: string | null;
  channel: string;
  score: number;
  decision: string;
  model_version: string;
}

export const toCardPayment = (r: CardPaymentRow): CardPayment => ({
  paymentId: r.payment_id,
  eventTime: r.event_time.toISOString(),
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  amountEur: r.amount_eur,
  country: r.country,
  merchantId: r.merchant_id,
  mcc: r.mcc,
  channel: r.channel,
  score: r.score,
  decision: r.decision,
  modelVersion: r.model_version,
});
