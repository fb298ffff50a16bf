import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FraudAlert } from '@fraud/schemas';
import type { AlertDetail, AlertSummary } from '../src/alerts/alert-schemas.js';
import { inTransaction } from '../src/db/transaction.js';
import { storeScoredPayments } from '../src/ingest/store-scored-payments.js';
import type { Stats } from '../src/stats/stats-query.js';
import { ANALYST, client, insertAlerts, login } from './support/api-client.js';
import { testAlert, testScoredPayment } from './support/records.js';
import { createTestWorld, TEST_FEATURE_NAMES, type TestWorld } from './support/test-service.js';

// The read side of the API on the real database: filters, keyset pagination, one alert with
// its context, card features and stats.
let w: TestWorld;
let api: ReturnType<typeof client>;
const cards = [randomUUID(), randomUUID(), randomUUID()];
const merchants = [randomUUID(), randomUUID()];
const statuses = ['open', 'acknowledged', 'assigned', 'resolved'] as const;
const base = Date.UTC(2026, 0, 15, 12, 0, 0);
let alerts: (FraudAlert & { status: (typeof statuses)[number] })[] = [];

before(async () => {
  w = await createTestWorld({ CONSUME: false });
  api = client(w.service.app, await login(w.service.app, ANALYST));
  alerts = Array.from({ length: 60 }, (_, i) => ({
    ...testAlert({
      cardId: cards[i % 3] ?? '',
      merchantId: merchants[i % 2] ?? '',
      score: 0.5 + (i % 50) / 100,
      // Pairs share an event time: the alert id breaks the tie, pages must still be exact.
      eventTime: base + Math.floor(i / 2) * 60_000,
    }),
    status: statuses[i % 4] ?? 'open',
  }));
  await insertAlerts(w.db, alerts);
  for (const a of alerts) {
    if (a.status === 'open') continue;
    await w.db.query(
      `UPDATE alerts SET status = $2, assignee = CASE WHEN $2 = 'assigned' THEN 'ann' END,
              resolution = CASE WHEN $2 = 'resolved' THEN 'false_positive' END
        WHERE alert_id = $1`,
      [a.alertId, a.status],
    );
  }
});
after(async () => w?.close());

/** The expected list order: event time, then alert id, both descending. */
const ordered = (list: typeof alerts) =>
  [...list]
    .sort((a, b) => b.eventTime - a.eventTime || (b.alertId < a.alertId ? -1 : 1))
    .map((a) => a.alertId);

async function allPages(query: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await api.get(
      `/api/alerts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json<{ items: AlertSummary[]; nextCursor: string | null }>();
    assert.ok(page.items.length <= limit);
    ids.push(...page.items.map((i) => i.alertId));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return ids;
}

test('each filter, alone and combined, returns exactly the matching alerts in order', async () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const cases: [string, (a: (typeof alerts)[number]) => boolean][] = [
    ['', () => true],
    ['status=open', (a) => a.status === 'open'],
    ['status=open,assigned', (a) => a.status === 'open' || a.status === 'assigned'],
    ['minScore=0.8', (a) => a.score >= 0.8],
    ['minScore=0.6&maxScore=0.7', (a) => a.score >= 0.6 && a.score <= 0.7],
    [
      `from=${iso(base + 10 * 60_000)}&to=${iso(base + 20 * 60_000)}`,
      (a) => a.eventTime >= base + 10 * 60_000 && a.eventTime < base + 20 * 60_000,
    ],
    [`cardId=${cards[1]}`, (a) => a.cardId === cards[1]],
    [`merchantId=${merchants[0]}`, (a) => a.merchantId === merchants[0]],
    [
      `status=resolved&cardId=${cards[2]}&minScore=0.55`,
      (a) => a.status === 'resolved' && a.cardId === cards[2] && a.score >= 0.55,
    ],
  ];
  for (const [query, matches] of cases) {
    const expected = ordered(alerts.filter(matches));
    assert.deepEqual(await allPages(query, 200), expected, query || '(no filter)');
  }
});

test('pages of any size add up to the whole list: no duplicate, nothing missing', async () => {
  const expected = ordered(alerts);
  for (const limit of [1, 7, 30, 59, 60]) {
    const ids = await allPages('', limit);
    assert.equal(new Set(ids).size, ids.length, `limit ${limit}: no duplicates`);
    assert.deepEqual(ids, expected, `limit ${limit}`);
  }
  const statusOpen = ordered(alerts.filter((a) => a.status === 'open'));
  assert.deepEqual(await allPages('status=open', 4), statusOpen);
});

test('alerts arriving while paging neither repeat nor vanish from later pages', async () => {
  const first = await api.get('/api/alerts?limit=10');
  const page = first.json<{ items: AlertSummary[]; nextCursor: string }>();
  // Newer than everything listed: it belongs before the first page, not in a later one.
  await insertAlerts(w.db, [testAlert({ cardId: randomUUID(), eventTime: base + 3_600_000 })]);
  const rest: string[] = [];
  let cursor: string | null = page.nextCursor;
  while (cursor) {
    const next: { items: AlertSummary[]; nextCursor: string | null } = (
      await api.get(`/api/alerts?limit=25&cursor=${cursor}`)
    ).json();
    rest.push(...next.items.map((i) => i.alertId));
    cursor = next.nextCursor;
  }
  assert.deepEqual([...page.items.map((i) => i.alertId), ...rest], ordered(alerts));
});

test('one alert comes with features, reasons, audit and the card history', async () => {
  const alert = alerts[4] as FraudAlert;
  const history = [1, 2, 3].map((i) =>
    testScoredPayment({ cardId: alert.cardId, eventTime: base - i * 60_000 }),
  );
  const elsewhere = testScoredPayment();
  await inTransaction(w.db, (c) => storeScoredPayments(c, [...history, elsewhere]));
  const response = await api.get(`/api/alerts/${alert.alertId}`);
  assert.equal(response.statusCode, 200, response.body);
  const detail = response.json<AlertDetail>();
  assert.equal(detail.alertId, alert.alertId);
  assert.equal(detail.eventTime, new Date(alert.eventTime).toISOString());
  assert.deepEqual(detail.features, alert.features);
  assert.deepEqual(detail.reasons, alert.reasons);
  assert.deepEqual(detail.audit, []);
  assert.equal(detail.labelPublishedAt, null);
  assert.deepEqual(
    detail.recentPayments.map((p) => p.paymentId),
    history.map((p) => p.paymentId),
    "the card's own payments, newest first",
  );
  const missing = await api.get(`/api/alerts/${randomUUID()}`);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<{ code: string }>().code, 'ALERT_NOT_FOUND');
});

test("a card's latest features come with their names", async () => {
  const card = randomUUID();
  const older = testScoredPayment({ cardId: card, eventTime: base, features: [9, 9, 9, 9] });
  const latest = testScoredPayment({
    cardId: card,
    eventTime: base + 1000,
    features: [1, 2, 3, 4],
  });
  const unknownSet = testScoredPayment({ featureSet: 'other-v9', features: [5, 6] });
  await inTransaction(w.db, (c) => storeScoredPayments(c, [older, latest, unknownSet]));
  const response = await api.get(`/api/cards/${card}/features`);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{ paymentId: string; features: { name: string; value: number }[] }>();
  assert.equal(body.paymentId, latest.paymentId);
  assert.deepEqual(
    body.features,
    TEST_FEATURE_NAMES.map((name, i) => ({ name, value: i + 1 })),
  );
  const unnamed = (await api.get(`/api/cards/${unknownSet.cardId}/features`)).json<{
    features: { name: string }[];
  }>();
  assert.deepEqual(
    unnamed.features.map((f) => f.name),
    ['#0', '#1'],
  );
  assert.equal((await api.get(`/api/cards/${randomUUID()}/features`)).statusCode, 404);
});

test('stats: alerts per minute, score histogram, latency percentiles, queue by status', async () => {
  const now = Date.now();
  const recent = [100, 200, 300, 400].map((lag, i) =>
    testAlert({ eventTime: now - lag, score: 0.81 + i * 0.05 }),
  );
  await insertAlerts(w.db, recent);
  await inTransaction(w.db, (c) =>
    storeScoredPayments(c, [
      testScoredPayment({ eventTime: now - 500, processedAt: now - 450, score: 0.01 }),
      testScoredPayment({ eventTime: now - 500, processedAt: now - 400, score: 0.97 }),
    ]),
  );
  const response = await api.get('/api/stats?window=15m');
  assert.equal(response.statusCode, 200, response.body);
  const stats = response.json<Stats>();
  assert.ok(stats.alertsPerMinute.length >= 15 && stats.alertsPerMinute.length <= 16);
  // Everything inserted by this file arrived in the last minutes.
  const arrived = await w.db.query<{ n: string }>('SELECT count(*) AS n FROM alerts');
  const total = Number(arrived.rows[0]?.n);
  assert.equal(
    stats.alertsPerMinute.reduce((s, m) => s + m.count, 0),
    total,
  );
  assert.equal(stats.scoreHistogram.length, 20);
  assert.equal(
    stats.scoreHistogram.reduce((s, b) => s + b.alerts, 0),
    total,
  );
  assert.ok(stats.scoreHistogram[0] && stats.scoreHistogram[0].count >= 1, 'the 0.01 score');
  assert.equal(stats.latencyMs.count, total);
  assert.ok(stats.latencyMs.p50 !== null && stats.latencyMs.p99 !== null);
  assert.ok(stats.latencyMs.p50 <= stats.latencyMs.p99);
  assert.ok(stats.scoringLatencyMs.count >= 2);
  assert.deepEqual(Object.keys(stats.byStatus).sort(), [...statuses].sort());
  assert.equal(
    Object.values(stats.byStatus).reduce((s, n) => s + n, 0),
    total,
  );
  for (const bad of ['0m', '25h', '15', 'x']) {
    const refused = await api.get(`/api/stats?window=${bad}`);
    assert.equal(refused.statusCode, 400, bad);
  }
});
