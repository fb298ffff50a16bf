import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { featureCatalog } from '../src/cards/feature-catalog.js';
import { startAlertsService, type AlertsService } from '../src/service.js';
import { createLogger } from '@fraud/common';
import type { AlertSummary } from '../src/alerts/alert-schemas.js';
import { ANALYST, client, insertAlerts, login } from './support/api-client.js';
import { testAlert } from './support/records.js';
import { openSse, type SseEvent, type SseStream } from './support/sse-client.js';
import { createTestWorld, waitFor, type TestWorld } from './support/test-service.js';

// The live stream over real HTTP: new alerts and workflow changes arrive, a reconnection with
// Last-Event-ID gets what it missed, and a second instance streams what the first wrote.
let w: TestWorld;
let base: string;
let token: string;
let second: AlertsService | undefined;
const open: SseStream[] = [];

before(async () => {
  w = await createTestWorld({ SSE_HEARTBEAT_MS: 1000 });
  await w.service.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.service.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  base = `http://127.0.0.1:${address.port}`;
  token = await login(w.service.app, ANALYST);
});
after(async () => {
  for (const stream of open) stream.close();
  await second?.stop();
  await w?.close();
});

const stream = async (path = '/api/alerts/stream', headers: Record<string, string> = {}) => {
  const s = await openSse(`${base}${path}`, { authorization: `Bearer ${token}`, ...headers });
  open.push(s);
  return s;
};
const alertOf = (e: SseEvent) => JSON.parse(e.data) as AlertSummary;
const isAlert =
  (id: string, type = 'alert') =>
  (e: SseEvent) =>
    e.event === type && alertOf(e).alertId === id;

test('a new alert and its status change arrive live, with sequence ids', async () => {
  const s = await stream();
  assert.equal(s.status, 200);
  const alert = testAlert();
  await insertAlerts(w.db, [alert]);
  const created = await s.next(isAlert(alert.alertId));
  assert.match(created.id ?? '', /^\d+$/);
  assert.equal(alertOf(created).status, 'open');

  const ack = await client(w.service.app, token).post(`/api/alerts/${alert.alertId}/acknowledge`);
  assert.equal(ack.statusCode, 200);
  const updated = await s.next(isAlert(alert.alertId, 'alert-updated'));
  assert.equal(alertOf(updated).status, 'acknowledged');
  assert.ok(Number(updated.id) > Number(created.id));
  await waitFor(
    'a heartbeat comment',
    async () => (s.comments.includes('heartbeat') ? true : undefined),
    3000,
  );
  s.close();
});

test('an alert consumed from Kafka reaches the stream', async () => {
  const s = await stream();
  const alert = testAlert();
  const sent = performance.now();
  await w.produce(w.config.ALERTS_TOPIC, [
    { key: alert.cardId, value: w.serdes.alerts.serialize(alert) },
  ]);
  const received = await s.next(isAlert(alert.alertId), 20_000);
  assert.ok(received.receivedAt - sent < 20_000);
  s.close();
});

test('reconnecting with Last-Event-ID replays what was missed, once and in order', async () => {
  const first = await stream();
  const seen = testAlert();
  await insertAlerts(w.db, [seen]);
  const last = await first.next(isAlert(seen.alertId));
  first.close();

  const missed = [testAlert(), testAlert(), testAlert()];
  for (const alert of missed) await insertAlerts(w.db, [alert]);
  const resumed = await stream('/api/alerts/stream', { 'last-event-id': last.id ?? '' });
  const live = testAlert();
  await insertAlerts(w.db, [live]);
  await resumed.next(isAlert(live.alertId));
  const ids = resumed.events.filter((e) => e.event === 'alert').map((e) => alertOf(e).alertId);
  assert.deepEqual(ids, [...missed.map((a) => a.alertId), live.alertId]);
  const seqs = resumed.events.map((e) => Number(e.id));
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
    'in sequence order',
  );
  assert.ok(
    seqs.every((seq) => seq > Number(last.id)),
    'nothing before Last-Event-ID again',
  );
  resumed.close();
});

test('a Last-Event-ID the log cannot serve gets a resync event, then live events', async () => {
  const s = await stream('/api/alerts/stream', { 'last-event-id': '999999999' });
  await s.next((e) => e.event === 'resync');
  const alert = testAlert();
  await insertAlerts(w.db, [alert]);
  await s.next(isAlert(alert.alertId));
  s.close();
});

test('EventSource style: token and last id in the query; the token stays out of the logs', async () => {
  const s = await openSse(`${base}/api/alerts/stream?access_token=${token}&lastEventId=0`);
  open.push(s);
  assert.equal(s.status, 200);
  // From 0: the whole log replays, the first test's alert included.
  await s.next((e) => e.event === 'alert');
  s.close();
  const unauthenticated = await fetch(`${base}/api/alerts/stream?access_token=nope`);
  assert.equal(unauthenticated.status, 401);
  const queryTokenElsewhere = await fetch(`${base}/api/alerts?access_token=${token}`);
  assert.equal(queryTokenElsewhere.status, 401, 'only the stream takes a token in the query');
  assert.ok(!w.logLines.some((line) => line.includes(token)), 'no log line holds the token');
  assert.ok(w.logLines.some((line) => line.includes('access_token=[redacted]')));
});

test('a second instance streams what the first one wrote (LISTEN/NOTIFY)', async () => {
  second = await startAlertsService({
    config: { ...w.config, CONSUME: false, MIGRATE_ON_START: false },
    logger: createLogger({ name: 'alerts-api-2', level: 'warn' }),
    featureNames: featureCatalog({}),
  });
  await second.app.listen({ port: 0, host: '127.0.0.1' });
  const address = second.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  const s = await openSse(`http://127.0.0.1:${address.port}/api/alerts/stream`, {
    authorization: `Bearer ${token}`,
  });
  open.push(s);
  const alert = testAlert();
  await w.produce(w.config.ALERTS_TOPIC, [
    { key: alert.cardId, value: w.serdes.alerts.serialize(alert) },
  ]);
  await s.next(isAlert(alert.alertId), 20_000);
  s.close();
});

test('closed streams are cleaned up', async () => {
  const clients = async () => {
    const metric = await w.service.app.metrics.getSingleMetric('alerts_stream_clients')?.get();
    return metric?.values[0]?.value;
  };
  const s = await stream();
  await waitFor('one client', async () => ((await clients()) === 1 ? true : undefined));
  s.close();
  await waitFor('no client', async () => ((await clients()) === 0 ? true : undefined));
  assert.equal(w.service.hub.subscribers, 0);
});
