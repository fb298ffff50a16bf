import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createRegistry, FraudError } from '@fraud/common';
import { generateTraffic, scriptedAttack, type GeneratedPayment } from '@fraud/loadtest';
import {
  createAvroDecoder,
  FRAUD_ALERT_SCHEMA,
  registerSchema,
  SCORED_PAYMENT_SCHEMA,
  seedId,
  type ScoredPayment,
  type TypedRecordSchema,
} from '@fraud/schemas';
import { ensureStack } from '@fraud/stack';
import type { FraudApp } from '../../src/fraud/app/fraud-app.js';
import {
  cardKeySerde,
  computeCardFeatures,
  DEFAULT_FRAUD_TOPICS,
  paymentChangeSerde,
  type CardProfile,
} from '../../src/fraud/index.js';
import { readCommitted, testKafka } from '../support.js';
import {
  copyOfShippedModel,
  fraudConfig,
  paymentsApi,
  removeFraudRun,
  SHIPPED_MODEL,
  startFraud,
} from './fraud-harness.js';
import { referenceTablesFromDb } from './reference-from-db.js';

const { kafka, suffix } = testKafka('fraud-topology-it');
const logger = createLogger({ name: 'fraud-it', level: (process.env.IT_LOG as 'info') ?? 'warn' });
const modelDir = copyOfShippedModel();
const config = await fraudConfig(suffix, { MODEL_DIR: modelDir, MODEL_POLL_MS: '200' });
const registryUrl = config.SCHEMA_REGISTRY_URL;
const registry = createRegistry({ url: registryUrl });
let fraud: FraudApp;
let api: Awaited<ReturnType<typeof paymentsApi>>;

/**
 * Reads a topic until `wanted` holds for the payment ids seen (Avro writes strings as plain
 * UTF-8, so an id is found in the raw bytes), then decodes every record.
 */
async function readPayments<T>(
  topic: string,
  schema: TypedRecordSchema<T>,
  ids: readonly string[],
  wanted: (seen: Set<string>) => boolean,
  timeoutMs = 60_000,
): Promise<T[]> {
  const decoder = createAvroDecoder<T>({ registry, readerSchema: schema });
  const needles = ids.map((id) => [id, Buffer.from(id)] as const);
  const seen = new Set<string>();
  const records = await readCommitted(
    kafka,
    topic,
    (read) => {
      const value = read.at(-1)?.value;
      for (const [id, bytes] of needles) if (value?.includes(bytes)) seen.add(id);
      return wanted(seen);
    },
    { timeoutMs },
  );
  return Promise.all(records.flatMap((r) => (r.value ? [decoder.decode(r.value)] : [])));
}

/** Where the topology starts on each payments partition: the end, as the test begins. */
let startOffsets = new Map<number, bigint>();

before(async () => {
  await ensureStack();
  api = await paymentsApi();
  // Start at the end of the shared payments topic: replaying its history (load tests leave
  // hundreds of thousands of payments there) would only slow the test down.
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(DEFAULT_FRAUD_TOPICS.payments);
  await admin.setOffsets({
    groupId: config.APPLICATION_ID,
    topic: DEFAULT_FRAUD_TOPICS.payments,
    partitions: ends.map(({ partition, offset }) => ({ partition, offset })),
  });
  await admin.disconnect();
  startOffsets = new Map(ends.map(({ partition, offset }) => [partition, BigInt(offset)]));
  fraud = await startFraud(config, logger);
});

after(async () => {
  await fraud?.close();
  await api?.close();
  await removeFraudRun(kafka, config);
  rmSync(modelDir, { recursive: true, force: true });
});

describe('fraud topology on the real stack', () => {
  const seed = Math.floor(Math.random() * 1e9);
  const startMs = Date.now();
  const attacks = (['card_testing', 'account_takeover', 'impossible_travel'] as const).map(
    (kind, i) => scriptedAttack({ seed: seed + i, kind, startMs }),
  );
  // No benign background here: at the model's benign alert rate (~0.5% per payment, more on a
  // shared stack whose cards carry load-test history) a hundred ordinary payments would raise
  // a false alert in a third of the runs. The model card reports that rate on a holdout; the
  // impossible-travel attack still starts with the holder's genuine purchase.
  const attacked = new Set(attacks.flatMap((a) => a.attackedCardIndexes));
  const posted: GeneratedPayment[] = attacks.flatMap((a) => a.payments);
  let paymentIds = new Map<string, string>();
  let scored: ScoredPayment[] = [];

  test('a scripted attack raises alerts for exactly the attacked cards, within seconds', async () => {
    const started = Date.now();
    paymentIds = await api.post(posted);
    const ours = new Set(paymentIds.values());
    const alerts = await readPayments(config.ALERTS_TOPIC, FRAUD_ALERT_SCHEMA, [...ours], (ids) =>
      attacks.every((a) => a.payments.some((p) => ids.has(paymentIds.get(p.id) ?? ''))),
    );
    const seconds = (Date.now() - started) / 1000;
    scored = (
      await readPayments(config.SCORED_TOPIC, SCORED_PAYMENT_SCHEMA, [...ours], (ids) =>
        [...ours].every((id) => ids.has(id)),
      )
    ).filter((s) => ours.has(s.paymentId));
    const alertedCards = new Set(alerts.filter((a) => ours.has(a.paymentId)).map((a) => a.cardId));
    const attackedCards = new Set([...attacked].map((i) => seedId('card', i)));
    assert.deepEqual([...alertedCards].sort(), [...attackedCards].sort());
    assert.ok(seconds < 30, `alerts after ${seconds} s`);
    for (const alert of alerts.filter((a) => ours.has(a.paymentId))) {
      assert.ok(alert.reasons.length > 0, 'every alert says why');
      assert.ok(alert.score >= 0 && alert.score <= 1);
    }
    const model = JSON.parse(readFileSync(join(SHIPPED_MODEL, 'model.json'), 'utf8')) as {
      version: string;
    };
    assert.ok(scored.every((s) => s.modelVersion === model.version && s.features.length > 0));
  });

  test('features computed online equal the offline (training) computation, bit for bit', async () => {
    // The same input events: the payments CDC topic from where the topology started, each
    // card's events in partition order, joined to the reference tables as they stand.
    const wanted = new Set(scored.map((x) => x.paymentId));
    const seen = new Set<string>();
    // Called after each record read: look at the newest one.
    const inputs = await readCommitted(
      kafka,
      DEFAULT_FRAUD_TOPICS.payments,
      (read) => {
        const id = paymentChangeSerde.deserialize(read.at(-1)?.value ?? null)?.payment?.paymentId;
        if (id && wanted.has(id)) seen.add(id);
        return seen.size === wanted.size;
      },
      { from: startOffsets },
    );
    const events = inputs.flatMap((r) => paymentChangeSerde.deserialize(r.value)?.payment ?? []);
    const enrich = await referenceTablesFromDb(events);
    const ours = new Map(scored.map((s) => [s.paymentId, s]));
    const cards = new Set(scored.map((s) => s.cardId));
    const profiles = new Map<string, CardProfile>();
    let compared = 0;
    // A card's events are all on one partition: offset order is the order the topology saw.
    for (const record of inputs.sort((a, b) => Number(a.offset) - Number(b.offset))) {
      const cardId = cardKeySerde.deserialize(record.key);
      const payment = paymentChangeSerde.deserialize(record.value)?.payment;
      if (!payment || !cards.has(cardId)) continue;
      const out = computeCardFeatures(profiles.get(cardId), enrich(payment));
      assert.ok(out);
      profiles.set(cardId, out.profile);
      const online = ours.get(payment.paymentId);
      if (!online) continue;
      assert.equal(online.features.length, out.features.length);
      online.features.forEach((v, i) =>
        assert.ok(Object.is(v, out.features[i]), `feature ${i} of ${payment.paymentId}`),
      );
      compared++;
    }
    assert.equal(compared, scored.length);
  });

  test('a new model is picked up without a restart; a model of the wrong shape is refused', async () => {
    const meta = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as {
      version: string;
    };
    const next = `${meta.version}-hot`;
    writeFileSync(join(modelDir, 'model.json'), JSON.stringify({ ...meta, version: next }));
    await waitFor(() => fraud.models.current().version === next);

    copyFileSync(
      join(SHIPPED_MODEL, '..', 'fixtures', 'wrong-shape.onnx'),
      join(modelDir, 'model.onnx'),
    );
    writeFileSync(join(modelDir, 'model.json'), JSON.stringify({ ...meta, version: 'broken' }));
    await new Promise((r) => setTimeout(r, 1_000)); // several polls
    assert.equal(fraud.models.current().version, next, 'the previous model keeps serving');

    // The first six of an hour's traffic: a minute's at 0.1/s could be empty (3% of seeds
    // around midnight UTC, when the generator's daily rhythm is low), and then the test failed.
    const later = [
      ...generateTraffic({
        seed: seed + 9,
        startMs,
        durationMs: 3_600_000,
        paymentsPerSecond: 1,
        fraudRate: 0,
      }),
    ].slice(0, 6);
    assert.equal(later.length, 6);
    const ids = await api.post(later);
    const wanted = [...ids.values()];
    const records = await readPayments(config.SCORED_TOPIC, SCORED_PAYMENT_SCHEMA, wanted, (seen) =>
      wanted.every((id) => seen.has(id)),
    );
    const latest = records.filter((r) => wanted.includes(r.paymentId));
    assert.deepEqual(
      latest.map((r) => r.modelVersion),
      wanted.map(() => next),
    );
  });

  test('a schema the registry finds incompatible stops start-up with a clear message', async (t) => {
    const topic = `payments.scored.incompatible-${suffix}`;
    // An earlier version whose `score` is a string: ours (a double) cannot read its data.
    const older = {
      ...SCORED_PAYMENT_SCHEMA,
      fields: SCORED_PAYMENT_SCHEMA.fields.map((f) =>
        f.name === 'score' ? { ...f, type: 'string' } : f,
      ),
    };
    await registerSchema({
      registryUrl,
      subject: `${topic}-value`,
      schema: older as never,
      logger,
    });
    const refused = await fraudConfig(`${suffix}x`, { SCORED_TOPIC: topic });
    t.after(() => removeFraudRun(kafka, refused));
    await assert.rejects(
      startFraud(refused, logger),
      (error: unknown) =>
        error instanceof FraudError &&
        error.code === 'SCHEMA_INCOMPATIBLE' &&
        error.message.includes(`${topic}-value`),
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
