/**
 * `bench alerts`: list-query latency with a million alerts stored, and live-stream fan-out.
 *
 *   npm run bench -- alerts [--alerts 1000000] [--queries 150] [--clients 100] [--events 40] [--json]
 *
 * Needs the local stack's PostgreSQL (npm run stack -- up). Works in a scratch schema of its
 * own, dropped at the end: migrates it, bulk-loads the alerts, then
 *   1. runs `--queries` list requests per filter mix through the real app (auth, validation,
 *      SQL, serialisation; in-process inject, so no socket time) and reports p50/p99/max;
 *   2. connects `--clients` SSE clients over HTTP, writes `--events` alerts one by one as the
 *      consumer does, and measures from the start of each write to each client's receipt.
 * Targets (issue 7): list p99 < 50 ms, fan-out to 100 clients < 100 ms.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createLogger } from '@fraud/common';
import { sampleFraudAlert } from '@fraud/schemas';
import { featureCatalog } from '../src/cards/feature-catalog.js';
import { loadAlertsApiConfig } from '../src/config.js';
import { migrateAlerts } from '../src/db/migrate-alerts.js';
import { inTransaction } from '../src/db/transaction.js';
import { storeAlerts } from '../src/ingest/store-alerts.js';
import { appendEvents } from '../src/live/event-log.js';
import { startAlertsService } from '../src/service.js';
import { openSse, type SseStream } from '../test/support/sse-client.js';
import { bulkLoadAlerts } from './bulk-load.js';
import { percentile, round } from './percentiles.js';

const { values: args } = parseArgs({
  options: {
    alerts: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '150' },
    clients: { type: 'string', default: '100' },
    events: { type: 'string', default: '40' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const alertCount = Number(args.alerts);
const schema = `alerts_bench_${randomBytes(4).toString('hex')}`;
const config = {
  ...loadAlertsApiConfig(),
  ALERTS_DB_SCHEMA: schema,
  CONSUME: false,
  MIGRATE_ON_START: false,
  RATE_LIMIT_MAX: 1_000_000,
  DASHBOARD_DIR: '/nonexistent',
  LOG_LEVEL: 'warn' as const,
};
const logger = createLogger({ name: 'bench-alerts', level: 'warn' });
const pool = new pg.Pool({
  connectionString: config.DATABASE_URL,
  options: `-c search_path=${schema},public`,
  max: 2,
});

let service: Awaited<ReturnType<typeof startAlertsService>> | undefined;
const streams: SseStream[] = [];
try {
  // 1. A million alerts in a scratch schema.
  await migrateAlerts({ databaseUrl: config.DATABASE_URL, schema, logger });
  say(`bench alerts: loading ${alertCount.toLocaleString('en')} alerts into ${schema}`);
  const started = performance.now();
  const loader = await pool.connect();
  try {
    await loader.query("SET maintenance_work_mem = '256MB'");
    await bulkLoadAlerts(loader, alertCount);
  } finally {
    loader.release();
  }
  const loadSeconds = (performance.now() - started) / 1000;
  say(`  loaded in ${loadSeconds.toFixed(1)} s (indexes rebuilt, analyzed)`);

  service = await startAlertsService({ config, logger, featureNames: featureCatalog({}) });
  const app = service.app;
  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: 'viewer', password: 'viewer-pass' },
  });
  const token = login.json<{ token: string }>().token;
  const headers = { authorization: `Bearer ${token}` };

  // 2. List queries: a mix of filters, first pages and deeper ones.
  const card = () => `md5('card' || ${randomInt(50_000)})`;
  const someCard = async () =>
    (await pool.query<{ id: string }>(`SELECT ${card()}::uuid::text AS id`)).rows[0]?.id ?? '';
  const someMerchant = async () =>
    (
      await pool.query<{ id: string }>(
        `SELECT md5('merchant' || ${randomInt(5000)})::uuid::text AS id`,
      )
    ).rows[0]?.id ?? '';
  const hourIn30Days = () => {
    const to = Date.now() - randomInt(1, 29 * 24) * 3_600_000;
    return `from=${new Date(to - 3_600_000).toISOString()}&to=${new Date(to).toISOString()}`;
  };
  const mixes: Record<string, () => Promise<string>> = {
    newest: async () => '',
    'queue (open,acknowledged,assigned)': async () => 'status=open,acknowledged,assigned',
    'status=open': async () => 'status=open',
    'status=resolved': async () => 'status=resolved',
    'minScore=0.95': async () => 'minScore=0.95',
    'score 0.7..0.75': async () => 'minScore=0.7&maxScore=0.75',
    'one hour': async () => hourIn30Days(),
    cardId: async () => `cardId=${await someCard()}`,
    merchantId: async () => `merchantId=${await someMerchant()}`,
    'merchantId + one hour': async () => `merchantId=${await someMerchant()}&${hourIn30Days()}`,
    'open + minScore=0.9': async () => 'status=open&minScore=0.9',
    'resolved + cardId': async () => `status=resolved&cardId=${await someCard()}`,
  };
  // Warm-up: the first requests compile schemas, plans and serialisers.
  for (const query of Object.values(mixes)) {
    await app.inject({ url: `/api/alerts?limit=50&${await query()}`, headers });
  }
  const perMix: Record<string, { p50: number | null; p99: number | null }> = {};
  const all: number[] = [];
  const queries = Number(args.queries);
  for (const [name, query] of Object.entries(mixes)) {
    const samples: number[] = [];
    for (let i = 0; i < queries; i++) {
      let url = `/api/alerts?limit=50&${await query()}`;
      // One in three requests is a deeper page: follow the cursor of the first.
      const deep = i % 3 === 2;
      const t0 = performance.now();
      let response = await app.inject({ url, headers });
      if (deep) {
        const cursor = response.json<{ nextCursor: string | null }>().nextCursor;
        if (cursor) {
          url = `${url}&cursor=${cursor}`;
          const t1 = performance.now();
          response = await app.inject({ url, headers });
          samples.push(performance.now() - t1);
          continue;
        }
      }
      if (response.statusCode !== 200)
        throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      samples.push(performance.now() - t0);
    }
    perMix[name] = { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
    all.push(...samples);
    say(
      `  list ${name.padEnd(36)} p50 ${String(perMix[name].p50).padStart(6)} ms  p99 ${String(perMix[name].p99).padStart(6)} ms`,
    );
  }
  const statsSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    // A new window each time: the route caches an answer per window for 2 s.
    await app.inject({ url: `/api/stats?window=${15 + i}m`, headers });
    statsSamples.push(performance.now() - t0);
  }

  // 3. Fan-out: N clients on the live stream, alerts written one at a time.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  const url = `http://127.0.0.1:${address.port}/api/alerts/stream`;
  const clients = Number(args.clients);
  for (let i = 0; i < clients; i++) streams.push(await openSse(url, headers));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const writes = new Map<string, number>();
  const events = Number(args.events);
  for (let i = 0; i < events; i++) {
    const alert = sampleFraudAlert({ alertId: randomUUID(), eventTime: Date.now() });
    writes.set(alert.alertId, performance.now());
    await inTransaction(pool, async (client) => {
      await appendEvents(client, await storeAlerts(client, [alert]));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deadline = performance.now() + 10_000;
  const received = () => streams.reduce((n, s) => n + s.events.length, 0);
  while (received() < clients * events && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const fanOut: number[] = [];
  for (const stream of streams) {
    for (const event of stream.events) {
      const id = (JSON.parse(event.data) as { alertId: string }).alertId;
      const wrote = writes.get(id);
      if (wrote !== undefined) fanOut.push(event.receivedAt - wrote);
    }
  }

  const figures = {
    alerts: alertCount,
    loadSeconds: Math.round(loadSeconds * 10) / 10,
    listQueries: all.length,
    listP50Ms: round(percentile(all, 50)),
    listP99Ms: round(percentile(all, 99)),
    listMaxMs: round(percentile(all, 100)),
    listByFilter: perMix,
    statsP50Ms: round(percentile(statsSamples, 50)),
    sseClients: clients,
    sseEvents: events,
    sseDeliveries: fanOut.length,
    sseExpected: clients * events,
    sseP50Ms: round(percentile(fanOut, 50)),
    sseP99Ms: round(percentile(fanOut, 99)),
    sseMaxMs: round(percentile(fanOut, 100)),
  };
  say(
    `  list, all filters     p50 ${figures.listP50Ms} ms  p99 ${figures.listP99Ms} ms  max ${figures.listMaxMs} ms  (${all.length} queries; target p99 < 50 ms)`,
  );
  say(`  stats (15m window)    p50 ${figures.statsP50Ms} ms`);
  say(
    `  SSE fan-out           p50 ${figures.sseP50Ms} ms  p99 ${figures.sseP99Ms} ms  max ${figures.sseMaxMs} ms  (${fanOut.length}/${clients * events} deliveries to ${clients} clients; target < 100 ms)`,
  );
  if (args.json) say(JSON.stringify(figures));
  process.exitCode = fanOut.length === clients * events ? 0 : 1;
} finally {
  for (const stream of streams) stream.close();
  await service?.stop().catch(() => {});
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
  await pool.end();
}
