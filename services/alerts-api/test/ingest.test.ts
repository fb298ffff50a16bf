import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { seedId } from '@fraud/schemas';
import { header, readTopic } from './support/read-topic.js';
import { testAlert, testScoredPayment } from './support/records.js';
import { createTestWorld, waitFor, type TestWorld } from './support/test-service.js';

// The read-model consumer on the real broker, registry and database: rows and offsets commit
// together, restarts resume from the database's offsets, bad records reach the dead-letter topic.
let w: TestWorld;
let paymentId: string | undefined;
before(async () => {
  w = await createTestWorld();
});
after(async () => {
  if (paymentId) {
    await w.db.query('DELETE FROM payment_scores WHERE payment_id = $1', [paymentId]);
    await w.db.query('DELETE FROM payments WHERE id = $1', [paymentId]);
  }
  await w?.close();
});

const count = async (sql: string, values: unknown[] = []) =>
  Number((await w.db.query<{ n: string }>(sql, values)).rows[0]?.n ?? 0);
const alertsStored = () => count('SELECT count(*) AS n FROM alerts');
const produceAlerts = (alerts: ReturnType<typeof testAlert>[]) =>
  w.produce(
    w.config.ALERTS_TOPIC,
    alerts.map((a) => ({ key: a.cardId, value: w.serdes.alerts.serialize(a) })),
  );
const storedNext = async (topic: string) =>
  count('SELECT coalesce(sum(next_offset), 0) AS n FROM consumer_offsets WHERE topic = $1', [
    topic,
  ]);
test('alerts and scored payments are stored with their offsets; payments-api sees the score', async () => {
  // A real payment, so payment_scores (payments-api's table) can take its score.
  const card = (
    await w.db.query<{ id: string; account_id: string; last4: string; pan_token: string }>(
      'SELECT id, account_id, last4, pan_token FROM cards WHERE id = $1',
      [seedId('card', 17)],
    )
  ).rows[0];
  assert.ok(card, 'the seeded reference data is there');
  paymentId = randomUUID();
  await w.db.query(
    `INSERT INTO payments (id, card_id, account_id, card_token, card_last4, merchant_id,
                           amount_minor, currency, channel, country)
     VALUES ($1, $2, $3, $4, $5, $6, 4200, 'EUR', 'online', 'FR')`,
    [paymentId, card.id, card.account_id, card.pan_token, card.last4, seedId('merchant', 3)],
  );
  const scored = testScoredPayment({
    paymentId,
    cardId: card.id,
    accountId: card.account_id,
    score: 0.93,
    decision: 'decline',
  });
  const other = testScoredPayment({ score: 0.02, decision: 'approve' });
  await w.produce(w.config.SCORED_TOPIC, [
    { key: scored.cardId, value: w.serdes.scored.serialize(scored) },
    { key: other.cardId, value: w.serdes.scored.serialize(other) },
  ]);
  const alerts = Array.from({ length: 5 }, (_, i) =>
    testAlert({ score: 0.8 + i * 0.02, eventTime: Date.now() - 10_000 + i }),
  );
  await produceAlerts(alerts);

  await waitFor('5 alerts', async () => ((await alertsStored()) === 5 ? true : undefined));
  await waitFor('2 scored payments', async () =>
    (await count('SELECT count(*) AS n FROM scored_payments')) === 2 ? true : undefined,
  );
  const row = (
    await w.db.query<{ score: number; status: string; reasons: unknown; features: unknown }>(
      'SELECT score, status, reasons, features FROM alerts WHERE alert_id = $1',
      [alerts[2]?.alertId],
    )
  ).rows[0];
  assert.equal(row?.score, alerts[2]?.score);
  assert.equal(row?.status, 'open');
  assert.deepEqual(row?.reasons, alerts[2]?.reasons);
  assert.deepEqual(row?.features, alerts[2]?.features);
  const paymentScore = (
    await w.db.query<{ score: number; decision: string; model_version: string }>(
      'SELECT score, decision, model_version FROM payment_scores WHERE payment_id = $1',
      [paymentId],
    )
  ).rows[0];
  assert.deepEqual(paymentScore, {
    score: 0.93, // real (float4), as PostgreSQL prints it
    decision: 'decline',
    model_version: scored.modelVersion,
  });
  assert.equal(
    await count('SELECT count(*) AS n FROM payment_scores WHERE payment_id = $1', [
      other.paymentId,
    ]),
    0,
    'a score for a payment this database does not hold stays out of payment_scores',
  );
  assert.equal(await storedNext(w.config.ALERTS_TOPIC), 5, 'next offsets cover the 5 records');
  assert.equal(await storedNext(w.config.SCORED_TOPIC), 2);
  assert.equal(await count("SELECT count(*) AS n FROM alert_events WHERE type = 'alert'"), 5);
});

test('a restart resumes from the stored offsets, not the group offsets: no duplicates, no gaps', async () => {
  const admin = w.kafka.admin();
  await admin.connect();
  try {
    const before = await alertsStored();
    const acknowledged = (
      await w.db.query<{ alert_id: string }>('SELECT alert_id FROM alerts LIMIT 1')
    ).rows[0]?.alert_id;
    await w.db.query("UPDATE alerts SET status = 'acknowledged' WHERE alert_id = $1", [
      acknowledged,
    ]);
    await w.service.stop();

    // 1. The group's offsets rewound to 0: a consumer trusting them would apply everything again.
    for (const topic of [w.config.ALERTS_TOPIC, w.config.SCORED_TOPIC]) {
      await admin.setOffsets({
        groupId: w.config.CONSUMER_GROUP,
        topic,
        partitions: [
          { partition: 0, offset: '0' },
          { partition: 1, offset: '0' },
        ],
      });
    }
    const whileDown = [testAlert(), testAlert(), testAlert()];
    await produceAlerts(whileDown);
    await w.restart();
    await waitFor('3 more alerts', async () =>
      (await alertsStored()) === before + 3 ? true : undefined,
    );
    assert.equal(
      await count("SELECT count(*) AS n FROM alert_events WHERE type = 'alert'"),
      before + 3,
      'one live-stream event per alert, none for the re-delivered ones',
    );
    assert.equal(
      (await w.db.query('SELECT status FROM alerts WHERE alert_id = $1', [acknowledged])).rows[0]
        ?.status,
      'acknowledged',
      'a re-delivered alert does not reset the workflow',
    );
    assert.equal(await storedNext(w.config.ALERTS_TOPIC), before + 3);
    await w.service.stop();

    // 2. The group's offsets moved to the end: records after the stored offsets must not be lost.
    const skipped = [testAlert(), testAlert()];
    await produceAlerts(skipped);
    for (const topic of [w.config.ALERTS_TOPIC, w.config.SCORED_TOPIC]) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: w.config.CONSUMER_GROUP,
        topic,
        partitions: ends.map((o) => ({ partition: o.partition, offset: o.high })),
      });
    }
    await w.restart();
    await waitFor('the 2 alerts behind the group offsets', async () =>
      (await alertsStored()) === before + 5 ? true : undefined,
    );
    for (const alert of skipped) {
      assert.equal(
        await count('SELECT count(*) AS n FROM alerts WHERE alert_id = $1', [alert.alertId]),
        1,
      );
    }
    assert.equal(await storedNext(w.config.ALERTS_TOPIC), before + 5);
  } finally {
    await admin.disconnect();
  }
});

test('undecodable and invalid records go to the dead-letter topic with the reason; the rest is stored', async () => {
  const bad = testAlert({ score: 1.5 });
  const good = testAlert();
  const unknownSchema = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0x00]), Buffer.from('x')]);
  const key = good.cardId; // one key: all on one partition, in this order
  const refused = [Buffer.from('not avro at all'), unknownSchema, w.serdes.alerts.serialize(bad)];
  await w.produce(w.config.ALERTS_TOPIC, [
    ...refused.map((value) => ({ key, value })),
    { key, value: null },
    { key, value: w.serdes.alerts.serialize(good) },
  ]);
  await waitFor('the good alert after the bad ones', async () =>
    (await count('SELECT count(*) AS n FROM alerts WHERE alert_id = $1', [good.alertId])) === 1
      ? true
      : undefined,
  );
  const dead = await readTopic(w.kafka, w.config.DLQ_TOPIC, 4);
  dead.sort(
    (a, b) => Number(header(a.headers, 'dlq.offset')) - Number(header(b.headers, 'dlq.offset')),
  );
  assert.deepEqual(
    dead.map((r) => header(r.headers, 'dlq.reason')),
    ['deserialization', 'deserialization', 'invalid-record', 'deserialization'],
  );
  for (const [i, record] of dead.entries()) {
    assert.equal(header(record.headers, 'dlq.topic'), w.config.ALERTS_TOPIC);
    assert.equal(header(record.headers, 'dlq.application'), 'alerts-api');
    assert.match(header(record.headers, 'dlq.partition') ?? '', /^[01]$/);
    assert.equal(record.key?.toString(), key, 'original key kept');
    if (i < refused.length) assert.deepEqual(record.value, refused[i], 'original bytes kept');
  }
  assert.match(header(dead[0]?.headers ?? {}, 'dlq.detail') ?? '', /AVRO_BAD_MAGIC_BYTE/);
  assert.match(header(dead[1]?.headers ?? {}, 'dlq.detail') ?? '', /AVRO_UNKNOWN_SCHEMA_ID/);
  assert.match(
    header(dead[2]?.headers ?? {}, 'dlq.detail') ?? '',
    /score: must be between 0 and 1/,
  );
  assert.match(header(dead[3]?.headers ?? {}, 'dlq.detail') ?? '', /no value/);
  assert.equal(
    await count('SELECT count(*) AS n FROM alerts WHERE alert_id = $1', [bad.alertId]),
    0,
  );
});
