import type pg from 'pg';

/**
 * Fills the alerts table of a scratch schema with `count` synthetic alerts, generated inside
 * PostgreSQL (INSERT ... SELECT over generate_series: nothing crosses the wire, faster than
 * COPY from the client). Indexes are dropped during the load and rebuilt after, as a bulk load
 * should; their definitions are read back from the catalog, so they stay the migration's.
 *
 * The shape: 50,000 cards, 5,000 merchants, 30 days of event times, scores skewed high, and a
 * worked queue (most alerts resolved, a few thousand open).
 */
export async function bulkLoadAlerts(db: pg.PoolClient, count: number, chunk = 250_000) {
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'alerts' AND indexname <> 'alerts_pkey'`,
  );
  for (const index of indexes) await db.query(`DROP INDEX ${index.indexname}`);
  const end = Date.now();
  for (let from = 0; from < count; from += chunk) {
    await db.query(
      `INSERT INTO alerts (alert_id, payment_id, card_id, account_id, merchant_id, card_last4,
              amount_minor, currency, amount_eur, channel, country, mcc, event_time,
              processed_at, score, decision, model_version, features, reasons, status, assignee,
              resolution, created_at, updated_at)
       SELECT md5('alert' || i)::uuid, md5('payment' || i)::uuid,
              md5('card' || (i * 7919) % 50000)::uuid, md5('account' || (i * 7919) % 50000 / 2)::uuid,
              md5('merchant' || (i * 104729) % 5000)::uuid, lpad(((i * 31) % 10000)::text, 4, '0'),
              100 + (i * 37) % 500000, 'EUR', (100 + (i * 37) % 500000) / 100.0,
              CASE WHEN i % 3 = 0 THEN 'card_present' ELSE 'online' END, 'FR', '5732', t,
              t + interval '150 milliseconds', s, CASE WHEN s > 0.9 THEN 'decline' ELSE 'review' END,
              'bench-model', '{"amount_eur_log": 5.1, "count_1h": 7, "merchant_is_new": 1}',
              '[{"code": "count_1h", "value": 7, "contribution": 0.3}]', st,
              CASE WHEN st IN ('assigned', 'resolved') THEN 'analyst' END,
              CASE WHEN st = 'resolved' THEN
                CASE WHEN i % 7 = 0 THEN 'confirmed_fraud' ELSE 'false_positive' END END,
              t + interval '1 second', t + interval '1 hour'
         FROM (SELECT i,
                      to_timestamp($3 / 1000.0) - (i * interval '30 days' / $4) AS t,
                      0.5 + 0.5 * sqrt(((i * 2654435761) % 1000000) / 1000000.0) AS s,
                      CASE WHEN i % 100 < 3 THEN 'open' WHEN i % 100 < 4 THEN 'acknowledged'
                           WHEN i % 100 < 5 THEN 'assigned' ELSE 'resolved' END AS st
                 FROM generate_series($1::bigint, $2::bigint) AS i) g`,
      [from, Math.min(from + chunk, count) - 1, end, count],
    );
  }
  for (const index of indexes) await db.query(index.indexdef);
  await db.query('ANALYZE alerts');
}
