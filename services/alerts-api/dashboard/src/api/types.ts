/** The shapes alerts-api answers with (see services/alerts-api/src for the source of truth). */

export type Role = 'analyst' | 'viewer';
export type AlertStatus = 'open' | 'acknowledged' | 'assigned' | 'resolved';
export type Resolution = 'confirmed_fraud' | 'false_positive';

export interface LoginAnswer {
  token: string;
  role: Role;
  expiresAt: string;
}

/** One feature that pushed the score up: its value and how much the score drops without it. */
export interface Reason {
  code: string;
  value: number;
  contribution: number;
}

export interface AlertSummary {
  alertId: string;
  paymentId: string;
  cardId: string;
  accountId: string;
  merchantId: string;
  cardLast4: string;
  amountMinor: number;
  currency: string;
  amountEur: number;
  channel: string;
  country: string;
  mcc: string | null;
  /** ISO date-times: the payment's commit time, and when the topology scored it. */
  eventTime: string;
  processedAt: string;
  score: number;
  decision: string;
  modelVersion: string;
  reasons: Reason[];
  status: AlertStatus;
  assignee: string | null;
  resolution: Resolution | null;
  createdAt: string;
  updatedAt: string;
}

export interface AlertPage {
  items: AlertSummary[];
  nextCursor: string | null;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: 'acknowledge' | 'assign' | 'resolve';
  fromStatus: AlertStatus;
  toStatus: AlertStatus;
  assignee: string | null;
  resolution: Resolution | null;
  comment: string | null;
}

/** A scored payment of the same card, for context around the alerted one. */
export interface CardPayment {
  paymentId: string;
  amountMinor: number;
  currency: string;
  amountEur: number;
  country: string;
  merchantId: string;
  mcc: string | null;
  channel: string;
  eventTime: string;
  score: number;
  decision: string;
  modelVersion: string;
}

export interface AlertDetail extends AlertSummary {
  /** The model input by feature name. */
  features: Record<string, number>;
  /** Oldest first. */
  audit: AuditEntry[];
  /** Newest first. */
  recentPayments: CardPayment[];
  /** When the decision reached the labels topic (for retraining), once resolved. */
  labelPublishedAt: string | null;
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Samples behind the figures. */
  count: number;
}

/** `GET /api/stats`: the window is on arrival time in alerts-api. */
export interface Stats {
  window: string;
  from: string;
  to: string;
  /** Every minute of the window, zeros included. */
  alertsPerMinute: { minute: string; count: number }[];
  /** Scored payments (`count`) and alerts among them, by score bin. */
  scoreHistogram: { from: number; to: number; count: number; alerts: number }[];
  /** End to end: alert arrival in alerts-api − payment commit. */
  latencyMs: Percentiles;
  /** The topology's part: scored − payment commit. */
  scoringLatencyMs: Percentiles;
  /** All alerts, not only the window's. */
  byStatus: Record<AlertStatus, number>;
}

/** The body of every error answer (common/src/http-errors.ts). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: { in: string; field: string; message: string }[];
}
