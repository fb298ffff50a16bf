import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRegistry } from '@fraud/common';
import { createAvroDecoder, FRAUD_LABEL_SCHEMA, type FraudLabel } from '@fraud/schemas';
import type { AlertDetail } from '../src/alerts/alert-schemas.js';
import { ANALYST, client, insertAlerts, login, VIEWER } from './support/api-client.js';
import { readTopic } from './support/read-topic.js';
import { testAlert } from './support/records.js';
import { createTestWorld, waitFor, type TestWorld } from './support/test-service.js';

// The case workflow through the API on the real database and broker: legal and illegal moves,
// the audit log, roles, and labels published to fraud.labels from the outbox.
let w: TestWorld;
let analyst: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
const fraud = testAlert({ score: 0.97 });
const benign = testAlert({ score: 0.71 });
const contested = testAlert();

before(async () => {
  w = await createTestWorld();
  analyst = client(w.service.app, await login(w.service.app, ANALYST));
  viewer = client(w.service.app, await login(w.service.app, VIEWER));
  await insertAlerts(w.db, [fraud, benign, contested]);
});
after(async () => w?.close());

const conflict = (body: string) =>
  JSON.parse(body) as { code: string; currentStatus: string; allowedActions: string[] };

test('open → acknowledged → assigned → reassigned → resolved, each step audited', async () => {
  const url = `/api/alerts/${fraud.alertId}`;
  const ack = await analyst.post(`${url}/acknowledge`);
  assert.equal(ack.statusCode, 200, ack.body);
  assert.equal(ack.json<AlertDetail>().status, 'acknowledged');

  const again = await analyst.post(`${url}/acknowledge`, {});
  assert.equal(again.statusCode, 409);
  assert.deepEqual(conflict(again.body), {
    statusCode: 409,
    code: 'ILLEGAL_TRANSITION',
    message: 'cannot acknowledge an alert that is acknowledged',
    currentStatus: 'acknowledged',
    allowedActions: ['assign', 'resolve'],
  });

  assert.equal((await analyst.post(`${url}/assign`, { assignee: 'ann' })).statusCode, 200);
  const reassigned = await analyst.post(`${url}/assign`, {
    assignee: 'bob',
    comment: 'ann is away',
  });
  assert.equal(reassigned.json<AlertDetail>().assignee, 'bob');

  const resolved = await analyst.post(`${url}/resolve`, {
    resolution: 'confirmed_fraud',
    comment: 'cardholder confirmed: not them',
  });
  assert.equal(resolved.statusCode, 200, resolved.body);
  const detail = resolved.json<AlertDetail>();
  assert.equal(detail.status, 'resolved');
  assert.equal(detail.resolution, 'confirmed_fraud');
  assert.equal(detail.assignee, 'bob');
  assert.deepEqual(
    detail.audit.map((a) => [a.actor, a.action, a.fromStatus, a.toStatus, a.assignee, a.comment]),
    [
      ['analyst', 'acknowledge', 'open', 'acknowledged', null, null],
      ['analyst', 'assign', 'acknowledged', 'assigned', 'ann', null],
      ['analyst', 'assign', 'assigned', 'assigned', 'bob', 'ann is away'],
      ['analyst', 'resolve', 'assigned', 'resolved', null, 'cardholder confirmed: not them'],
    ],
  );
  for (const at of detail.audit.map((a) => Date.parse(a.at))) assert.ok(Date.now() - at < 60_000);

  for (const [action, body] of [
    ['resolve', { resolution: 'false_positive' }],
    ['assign', { assignee: 'carol' }],
    ['acknowledge', {}],
  ] as const) {
    const refused = await analyst.post(`${url}/${action}`, body);
    assert.equal(refused.statusCode, 409, action);
    assert.deepEqual(conflict(refused.body).allowedActions, [], 'resolved is final');
  }
});

test('an open alert can be resolved directly; an unknown one is 404', async () => {
  const resolved = await analyst.post(`/api/alerts/${benign.alertId}/resolve`, {
    resolution: 'false_positive',
  });
  assert.equal(resolved.statusCode, 200, resolved.body);
  assert.equal(resolved.json<AlertDetail>().audit.length, 1);
  const missing = await analyst.post(`/api/alerts/${randomUUID()}/acknowledge`);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<{ code: string }>().code, 'ALERT_NOT_FOUND');
});

test('two analysts deciding at once: one wins, the other gets 409', async () => {
  const url = `/api/alerts/${contested.alertId}/resolve`;
  const answers = await Promise.all([
    analyst.post(url, { resolution: 'confirmed_fraud' }),
    analyst.post(url, { resolution: 'false_positive' }),
  ]);
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409]);
  const audit = await w.db.query('SELECT count(*)::int AS n FROM alert_audit WHERE alert_id = $1', [
    contested.alertId,
  ]);
  assert.equal(audit.rows[0]?.n, 1);
});

test('viewers read but cannot decide', async () => {
  assert.equal((await viewer.get(`/api/alerts/${contested.alertId}`)).statusCode, 200);
  assert.equal((await viewer.get('/api/alerts')).statusCode, 200);
  for (const [action, body] of [
    ['acknowledge', undefined],
    ['assign', { assignee: 'viewer' }],
    ['resolve', { resolution: 'false_positive' }],
  ] as const) {
    const refused = await viewer.post(`/api/alerts/${fraud.alertId}/${action}`, body);
    assert.equal(refused.statusCode, 403, action);
    assert.equal(refused.json<{ code: string }>().code, 'FORBIDDEN');
  }
});

test('every resolution is published to fraud.labels as a FraudLabel', async () => {
  const records = await readTopic(w.kafka, w.config.LABELS_TOPIC, 3);
  const decoder = createAvroDecoder<FraudLabel>({
    registry: createRegistry({ url: w.config.SCHEMA_REGISTRY_URL }),
    readerSchema: FRAUD_LABEL_SCHEMA,
  });
  const labels = new Map<string, FraudLabel>();
  for (const record of records) {
    assert.ok(record.value);
    const label = structuredClone(await decoder.decode(record.value));
    assert.equal(record.key?.toString(), label.paymentId, 'keyed by payment id');
    labels.set(label.alertId, label);
  }
  assert.equal(labels.size, 3);
  const confirmed = labels.get(fraud.alertId);
  assert.deepEqual(
    { ...confirmed, decidedAt: 0 },
    {
      alertId: fraud.alertId,
      paymentId: fraud.paymentId,
      cardId: fraud.cardId,
      merchantId: fraud.merchantId,
      label: 'fraud',
      resolution: 'confirmed_fraud',
      decidedBy: 'analyst',
      decidedAt: 0,
      comment: 'cardholder confirmed: not them',
      modelVersion: fraud.modelVersion,
      score: fraud.score,
    },
  );
  assert.ok(Math.abs((confirmed?.decidedAt ?? 0) - Date.now()) < 120_000);
  assert.equal(labels.get(benign.alertId)?.label, 'legitimate');
  const published = await waitFor('labelPublishedAt', async () => {
    const detail = (await analyst.get(`/api/alerts/${fraud.alertId}`)).json<AlertDetail>();
    return detail.labelPublishedAt ?? undefined;
  });
  assert.ok(Date.parse(published) > 0);
  const pending = await w.db.query(
    'SELECT count(*)::int AS n FROM label_outbox WHERE published_at IS NULL',
  );
  assert.equal(pending.rows[0]?.n, 0);
});
