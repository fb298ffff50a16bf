import type pg from 'pg';
import type { Logger } from '@fraud/common';

export interface RetentionOptions {
  pool: pg.Pool;
  logger: Logger;
  scoredPaymentsHours: number;
  eventsHours: number;
  /** Rows deleted per statement, so a large backlog never holds long locks. */
  batch?: number;
}

/**
 * Deletes scored payments and live-stream events past their retention. Alerts, their audit
 * and labels are the case record and are kept.
 */
export async function pruneExpired({
  pool,
  logger,
  scoredPaymentsHours,
  eventsHours,
  batch = 10_000,
}: RetentionOptions): Promise<{ scoredPayments: number; events: number }> {
  const prune = async (sql: string, hours: number) => {
    let total = 0;
    for (;;) {
      const { rowCount } = await pool.query(sql, [hours, batch]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batch) return total;
    }
  };
  const scoredPayments = await prune(
    `DELETE FROM scored_payments WHERE payment_id IN (
       SELECT payment_id FROM scored_payments
        WHERE created_at < now() - $1 * interval '1 hour' LIMIT $2)`,
    scoredPaymentsHours,
  );
  const events = await prune(
    `DELETE FROM alert_events WHERE seq IN (
       SELECT seq FROM alert_events WHERE created_at < now() - $1 * interval '1 hour' LIMIT $2)`,
    eventsHours,
  );
  if (scoredPayments + events > 0) {
    logger.info({ scoredPayments, events }, 'expired rows pruned');
  }
  return { scoredPayments, events };
}
