import type pg from 'pg';
import type { FraudLabel } from '@fraud/schemas';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** The NOTIFY channel that wakes the label publisher. */
export const outboxChannel = (schema: string) => `${schema}_outbox`;

/** Adds a label to the outbox inside the caller's transaction; published after commit. */
export async function enqueueLabel(client: Queryable, label: FraudLabel): Promise<void> {
  await client.query('INSERT INTO label_outbox (alert_id, payment_id, label) VALUES ($1, $2, $3)', [
    label.alertId,
    label.paymentId,
    JSON.stringify(label),
  ]);
  await client.query("SELECT pg_notify(current_schema() || '_outbox', '')");
}

export interface PendingLabel {
  id: string;
  label: FraudLabel;
}

/**
 * Locks up to `limit` unpublished labels, oldest first, for the caller's transaction. SKIP
 * LOCKED lets several instances drain the outbox side by side without taking the same rows.
 */
export async function lockPendingLabels(client: Queryable, limit: number): Promise<PendingLabel[]> {
  const { rows } = await client.query<{ id: string; label: FraudLabel }>(
    `SELECT id::text, label FROM label_outbox WHERE published_at IS NULL
      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows;
}

export async function markPublished(client: Queryable, ids: readonly string[]): Promise<void> {
  await client.query('UPDATE label_outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
    ids,
  ]);
}

/** Labels waiting to be published (a gauge: it grows while Kafka is unreachable). */
export async function pendingLabelCount(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM label_outbox WHERE published_at IS NULL',
  );
  return Number(rows[0]?.n ?? 0);
}
