import type pg from 'pg';
import type { AlertSummary } from '../alerts/alert-schemas.js';

/** `alert`: a new alert; `alert-updated`: its workflow state changed. Data: the AlertSummary. */
export type StreamEventType = 'alert' | 'alert-updated';

export interface NewStreamEvent {
  type: StreamEventType;
  alert: AlertSummary;
}

/** An event as the live stream sends it; `data` is the JSON text of the AlertSummary. */
export interface StreamEvent {
  seq: number;
  type: StreamEventType;
  data: string;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

/** The NOTIFY channel of a schema's event log (one per schema, so test schemas stay apart). */
export const eventsChannel = (schema: string) => `${schema}_events`;

/**
 * Appends events inside the caller's transaction and notifies listeners at commit. The advisory
 * lock, held until commit, serialises writers between drawing sequence numbers and committing:
 * without it, seq 11 could commit (and be streamed) before seq 10, and a client resuming from
 * 11 would never see 10. Take it last in a transaction, so it is held only for the commit.
 */
export async function appendEvents(
  client: Queryable,
  events: readonly NewStreamEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    "SELECT pg_advisory_xact_lock(4242, hashtext(current_schema() || '.alert_events'))",
  );
  const { rows } = await client.query<{ seq: string }>(
    `INSERT INTO alert_events (alert_id, type, payload)
     SELECT alert_id, type, payload
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS e(alert_id, type, payload, n)
      ORDER BY n
     RETURNING seq::text`,
    [
      events.map((e) => e.alert.alertId),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.alert)),
    ],
  );
  const last = rows.reduce((max, r) => (Number(r.seq) > max ? Number(r.seq) : max), 0);
  await client.query("SELECT pg_notify(current_schema() || '_events', $1)", [String(last)]);
}

/** Events after `afterSeq`, oldest first. */
export async function readEvents(
  client: Queryable,
  afterSeq: number,
  limit: number,
): Promise<StreamEvent[]> {
  const { rows } = await client.query<{ seq: string; type: StreamEventType; data: string }>(
    `SELECT seq::text, type, payload::text AS data FROM alert_events
      WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data }));
}

/** The newest sequence number, 0 when the log is empty. */
export async function latestSeq(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ seq: string | null }>(
    'SELECT max(seq)::text AS seq FROM alert_events',
  );
  return Number(rows[0]?.seq ?? 0);
}

/** The oldest and newest sequence numbers still in the log; undefined when it is empty. */
export async function logBounds(
  client: Queryable,
): Promise<{ oldest: number; newest: number } | undefined> {
  const { rows } = await client.query<{ oldest: string | null; newest: string | null }>(
    'SELECT min(seq)::text AS oldest, max(seq)::text AS newest FROM alert_events',
  );
  const row = rows[0];
  return row?.oldest != null && row.newest != null
    ? { oldest: Number(row.oldest), newest: Number(row.newest) }
    : undefined;
}
