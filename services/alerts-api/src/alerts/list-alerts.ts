import type { Db } from '../db/db.js';
import { SUMMARY_COLUMNS, toSummary, type AlertRow } from './alert-rows.js';
import type { AlertSummary } from './alert-schemas.js';
import { encodeCursor, type ListPosition } from './cursor.js';

export interface AlertFilter {
  statuses?: readonly string[];
  minScore?: number;
  maxScore?: number;
  from?: string;
  to?: string;
  cardId?: string;
  merchantId?: string;
  after?: ListPosition;
  limit: number;
}

export interface AlertListPage {
  items: AlertSummary[];
  nextCursor: string | null;
}

/**
 * One page of alerts, newest event first, keyset-paginated on (event_time, alert_id): a page
 * costs the same however deep it is, and rows arriving meanwhile neither repeat nor vanish.
 * Every filter is a bind parameter; the SQL text only varies by which filters are present.
 */
export async function listAlerts(db: Db, filter: AlertFilter): Promise<AlertListPage> {
  const where: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.minScore !== undefined) where.push(`score >= ${bind(filter.minScore)}`);
  if (filter.maxScore !== undefined) where.push(`score <= ${bind(filter.maxScore)}`);
  if (filter.from !== undefined) where.push(`event_time >= ${bind(filter.from)}::timestamptz`);
  if (filter.to !== undefined) where.push(`event_time < ${bind(filter.to)}::timestamptz`);
  if (filter.cardId !== undefined) where.push(`card_id = ${bind(filter.cardId)}::uuid`);
  if (filter.merchantId !== undefined) {
    where.push(`merchant_id = ${bind(filter.merchantId)}::uuid`);
  }
  if (filter.after !== undefined) {
    const micros = bind(filter.after.eventTimeMicros.toString());
    const id = bind(filter.after.alertId);
    where.push(
      `(event_time, alert_id) < ('epoch'::timestamptz + ${micros}::bigint * interval '1 microsecond', ${id}::uuid)`,
    );
  }
  const limit = bind(filter.limit + 1);
  const order = 'ORDER BY event_time DESC, alert_id DESC';
  const select = (conditions: string[]) =>
    `SELECT ${SUMMARY_COLUMNS} FROM alerts
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} ${order} LIMIT ${limit}`;
  const statuses = [...new Set(filter.statuses ?? [])];
  // Several statuses (the open queue): one ordered index scan per status, merged. A single
  // `status = ANY(...)` scan would read and sort every row of those statuses first.
  const sql =
    statuses.length <= 1
      ? select(statuses.length === 1 ? [`status = ${bind(statuses[0])}`, ...where] : where)
      : `SELECT * FROM (${statuses
          .map((status) => `(${select([`status = ${bind(status)}`, ...where])})`)
          .join(' UNION ALL ')}) page ${order} LIMIT ${limit}`;
  const { rows } = await db.query<AlertRow>(sql, values);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > filter.limit && last
        ? encodeCursor({ eventTimeMicros: BigInt(last.event_micros), alertId: last.alert_id })
        : null,
  };
}
