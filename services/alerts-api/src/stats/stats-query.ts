import type { Db } from '../db/db.js';
import { ALERT_STATUSES, type AlertStatus } from '../workflow/state-machine.js';
import { minutesBetween } from './stats-window.js';

export const HISTOGRAM_BUCKETS = 20;

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  count: number;
}

export interface Stats {
  window: string;
  from: string;
  to: string;
  alertsPerMinute: { minute: string; count: number }[];
  scoreHistogram: { from: number; to: number; count: number; alerts: number }[];
  latencyMs: Percentiles;
  scoringLatencyMs: Percentiles;
  byStatus: Record<AlertStatus, number>;
}

interface PercentileRow {
  n: number;
  p: (number | null)[] | null;
  max: number | null;
}

const toPercentiles = (row: PercentileRow | undefined): Percentiles => {
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v * 10) / 10);
  return {
    p50: round(row?.p?.[0]),
    p95: round(row?.p?.[1]),
    p99: round(row?.p?.[2]),
    max: round(row?.max),
    count: row?.n ?? 0,
  };
};

// Latency in milliseconds between two timestamp columns, over rows that arrived in the window.
const latencySql = (table: string, later: string) => `
  SELECT count(*)::int AS n,
         percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ms) AS p,
         max(ms) AS max
    FROM (SELECT extract(epoch FROM ${later} - event_time)::float8 * 1000 AS ms
            FROM ${table} WHERE created_at >= $1 AND created_at < $2) l`;

const histogramSql = (table: string) => `
  SELECT least(width_bucket(score, 0, 1, ${HISTOGRAM_BUCKETS}), ${HISTOGRAM_BUCKETS}) AS bucket,
         count(*)::int AS n
    FROM ${table} WHERE created_at >= $1 AND created_at < $2 GROUP BY 1`;

/**
 * The dashboard's charts over a window of arrival time: alerts per minute, score distribution
 * (of every scored payment, and of alerts), end-to-end latency percentiles, and the queue by
 * status (all alerts, not just the window's).
 */
export async function queryStats(db: Db, window: string, windowMs: number): Promise<Stats> {
  const to = new Date();
  const from = new Date(to.getTime() - windowMs);
  const range = [from, to];
  const [perMinute, alertLatency, scoringLatency, scoredBuckets, alertBuckets, statuses] =
    await Promise.all([
      db.query<{ minute: Date; n: number }>(
        `SELECT date_trunc('minute', created_at) AS minute, count(*)::int AS n
           FROM alerts WHERE created_at >= $1 AND created_at < $2 GROUP BY 1`,
        range,
      ),
      db.query<PercentileRow>(latencySql('alerts', 'created_at'), range),
      db.query<PercentileRow>(latencySql('scored_payments', 'processed_at'), range),
      db.query<{ bucket: number; n: number }>(histogramSql('scored_payments'), range),
      db.query<{ bucket: number; n: number }>(histogramSql('alerts'), range),
      // Kept by triggers (see the migration): counting a million rows here would take a second.
      db.query<{ status: AlertStatus; n: number }>(
        'SELECT status, n::int AS n FROM alert_status_counts',
      ),
    ]);
  const countByMinute = new Map(perMinute.rows.map((r) => [r.minute.getTime(), r.n]));
  const scored = new Map(scoredBuckets.rows.map((r) => [r.bucket, r.n]));
  const alerted = new Map(alertBuckets.rows.map((r) => [r.bucket, r.n]));
  const byStatus = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0])) as Record<
    AlertStatus,
    number
  >;
  for (const row of statuses.rows) byStatus[row.status] = row.n;
  return {
    window,
    from: from.toISOString(),
    to: to.toISOString(),
    alertsPerMinute: minutesBetween(from, to).map((minute) => ({
      minute: minute.toISOString(),
      count: countByMinute.get(minute.getTime()) ?? 0,
    })),
    scoreHistogram: Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => ({
      from: i / HISTOGRAM_BUCKETS,
      to: (i + 1) / HISTOGRAM_BUCKETS,
      count: scored.get(i + 1) ?? 0,
      alerts: alerted.get(i + 1) ?? 0,
    })),
    latencyMs: toPercentiles(alertLatency.rows[0]),
    scoringLatencyMs: toPercentiles(scoringLatency.rows[0]),
    byStatus,
  };
}
