/**
 * The sink end to end on the real stack: scored payments (Avro through the registry) reach the
 * topic in committed transactions, in aborted ones interleaved across producers, and as corrupt
 * or schema-incompatible records; the sink commits in several snapshots; pyiceberg then reads
 * exactly the committed records with their values and types, the dead-letter topic holds
 * exactly the bad ones with the reasons, and a restarted sink resumes from the table's offsets
 * even when the consumer group's offsets say otherwise.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import avro from 'avsc';
import type { Admin, IHeaders, Kafka, KafkaMessage, Message } from 'kafkajs';
import {
  createKafka,
  createLogger,
  DEAD_LETTER_HEADERS,
  loadServiceConfig,
  parseBrokers,
} from '@fraud/common';
import {
  deleteSubject,
  registerSchema,
  SCORED_PAYMENT_SCHEMA,
  writeWireFormat,
  type AvroSerde,
  type ScoredPayment,
} from '@fraud/schemas';
import { Type } from '@sinclair/typebox';
import { offsetsKey, type TableIdentifier } from '../src/index.js';
import { runPython } from './readers/python-venv.js';
import { openScratchCatalog, type ScratchCatalog } from './support/scratch-catalog.js';
import {
  produceInTransaction,
  scoredMessage,
  scoredPayment,
  scoredSerde,
} from './support/scored-payments.js';
import { startSink, tableOffsets, waitFor, type SinkUnderTest } from './support/sink-harness.js';

interface ScanView {
  rows: Record<string, unknown>[];
  arrow_types: Record<string, string>;
  summary: Record<string, string>;
  snapshots: number;
  schema: [number, string, string, boolean][];
}

/** What pyiceberg returns for a committed payment: µs timestamps, snake_case columns. */
const expectedRow = (p: ScoredPayment) => ({
  payment_id: p.paymentId,
  card_id: p.cardId,
  account_id: p.accountId,
  merchant_id: p.merchantId,
  card_last4: p.cardLast4,
  amount_minor: p.amountMinor,
  currency: p.currency,
  amount_eur: p.amountEur,
  channel: p.channel,
  country: p.country,
  merchant_country: p.merchantCountry,
  mcc: p.mcc,
  event_time: p.eventTime * 1000,
  processed_at: p.processedAt * 1000,
  feature_set: p.featureSet,
  features: p.features,
  model_version: p.modelVersion,
  score: p.score,
  decision: p.decision,
});

const byPaymentId = (a: { payment_id: string }, b: { payment_id: string }) =>
  a.payment_id < b.payment_id ? -1 : a.payment_id > b.payment_id ? 1 : 0;

const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString();

/** Every record of a (non-transactional) topic, once `count` arrived and nothing more came. */
async function readAll(kafka: Kafka, topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `lake-it-reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: KafkaMessage[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  await waitFor(`${count} records on ${topic}`, () => seen.length >= count, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await consumer.disconnect();
  return seen;
}

describe('lake sink on the real stack', () => {
  const suffix = randomBytes(4).toString('hex');
  const topic = `lake-it-scored-${suffix}`;
  const deadLetterTopic = `lake-it-dlq-${suffix}`;
  const groupId = `lake-it-${suffix}`;
  const catalogName = `lake_it_sink_${suffix}`;
  const identifier: TableIdentifier = { namespace: 'fraud', name: 'payments_scored' };
  const logger = createLogger({ name: 'lake-sink-test', level: 'warn' });
  const config = loadServiceConfig(Type.Object({}));
  const kafka = createKafka({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: groupId,
    logger,
  });
  let admin: Admin;
  let scratch: ScratchCatalog;
  let serde: AvroSerde<ScoredPayment>;
  let running: SinkUnderTest | undefined;

  const committed: ScoredPayment[] = [];
  /** Bad records by their value, with the reason they must be dead-lettered for. */
  const bad: { message: Message; reason: string; detail: RegExp }[] = [];

  const scan = () =>
    runPython<ScanView>('pyiceberg_scan.py', {
      catalog_uri: scratch.databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
      catalog_name: catalogName,
      warehouse: `file://${scratch.warehouseDir}`,
      identifier: `${identifier.namespace}.${identifier.name}`,
    });

  async function endOffsets(): Promise<Map<number, number>> {
    return new Map(
      (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
    );
  }

  /** Until the sink consumed up to the topic's end and committed everything it buffered. */
  async function drained(sut: SinkUnderTest) {
    const end = await endOffsets();
    const consumed = () => {
      const status = sut.sink.status();
      return [...end].every(([p, offset]) => status.partitions[p]?.position === offset);
    };
    // A failed commit makes the sink forget its positions and consume again from the table, so
    // the positions must still be at the end once the flush has committed.
    await waitFor('the sink to consume and commit the whole topic', async () => {
      if (!consumed()) return false;
      await sut.sink.flush().catch(() => undefined);
      return consumed() && sut.sink.status().bufferedRecords === 0;
    });
  }

  before(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    scratch = await openScratchCatalog(catalogName);
    serde = await scoredSerde(topic);
  });

  after(async () => {
    await running?.sink.stop();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic] }).catch(() => undefined);
    await admin.disconnect();
    for (const subject of [`${topic}-value`, `${topic}-incompatible-value`])
      await deleteSubject(config.SCHEMA_REGISTRY_URL, subject);
    await scratch?.drop();
  });

  it('commits exactly the committed records, dead-letters the bad ones, and keeps going', async () => {
    let n = 0;
    const next = () => scoredPayment(suffix, n++);
    const good = (count: number) => {
      const payments = Array.from({ length: count }, next);
      committed.push(...payments);
      return payments.map((p) => scoredMessage(serde, p));
    };
    const aborted = (count: number) =>
      Array.from({ length: count }, () => scoredMessage(serde, next()));

    // Two producers' transactions that end up aborted, interleaved with committed ones and
    // aborted in the opposite order they began (what kafkajs 2.2.4 unpatched lets through).
    const producer = (id: string) =>
      kafka.producer({
        transactionalId: `${groupId}-${id}`,
        idempotent: true,
        maxInFlightRequests: 1,
      });
    const [a, b, c] = [producer('a'), producer('b'), producer('c')];
    await Promise.all([a.connect(), b.connect(), c.connect()]);
    const ta = await a.transaction();
    const tb = await b.transaction();
    const tc = await c.transaction();
    await tb.send({ topic, messages: aborted(60) });
    await ta.send({ topic, messages: good(200) });
    await tc.send({ topic, messages: aborted(60) });
    await tb.send({ topic, messages: aborted(60) });
    await ta.send({ topic, messages: good(200) });
    await tc.abort();
    await tb.abort();
    await ta.commit();
    await Promise.all([a.disconnect(), b.disconnect(), c.disconnect()]);

    // Records no reader of this topic can turn into a row.
    const incompatible = {
      ...SCORED_PAYMENT_SCHEMA,
      fields: SCORED_PAYMENT_SCHEMA.fields.map((f) =>
        f.name === 'amountMinor' ? { name: 'amountMinor', type: 'string' } : f,
      ),
    };
    const incompatibleId = await registerSchema({
      registryUrl: config.SCHEMA_REGISTRY_URL,
      subject: `${topic}-incompatible-value`,
      schema: incompatible,
      logger,
    });
    const incompatibleValue = writeWireFormat(
      incompatibleId,
      avro.Type.forSchema(incompatible as avro.Schema, { wrapUnions: 'auto' }).toBuffer({
        ...scoredPayment(suffix, 1_000_000),
        amountMinor: 'twelve',
      }),
    );
    const goodValue = serde.serialize(scoredPayment(suffix, 1_000_001));
    // Valid Avro, but an instant no Date can hold: the table refuses it.
    const farFuture = { ...scoredPayment(suffix, 1_000_002), eventTime: 9_000_000_000_000_000 };
    bad.push(
      {
        message: { key: 'k1', value: Buffer.from('{"not":"avro"}') },
        reason: 'deserialization',
        detail: /AVRO_BAD_MAGIC_BYTE/,
      },
      {
        message: { key: 'k2', value: goodValue.subarray(0, 3) },
        reason: 'deserialization',
        detail: /AVRO_TRUNCATED/,
      },
      {
        message: { key: 'k3', value: goodValue.subarray(0, goodValue.length - 7) },
        reason: 'deserialization',
        detail: /AVRO_(TRUNCATED|INVALID_PAYLOAD)/,
      },
      {
        message: { key: 'k4', value: writeWireFormat(2_000_000_000, goodValue.subarray(5)) },
        reason: 'deserialization',
        detail: /AVRO_UNKNOWN_SCHEMA_ID/,
      },
      {
        message: { key: 'k5', value: incompatibleValue },
        reason: 'deserialization',
        detail: /AVRO_INCOMPATIBLE_WRITER_SCHEMA/,
      },
      { message: { key: 'k6', value: null }, reason: 'deserialization', detail: /AVRO_TRUNCATED/ },
      {
        message: { key: 'k7', value: serde.serialize(farFuture), headers: { origin: 'test' } },
        reason: 'invalid-row',
        detail: /eventTime/,
      },
    );
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic, acks: -1, messages: bad.map((x) => x.message) });
    await plain.disconnect();
    await produceInTransaction(kafka, `${groupId}-d`, topic, good(400), 'commit');

    running = await startSink({ kafka, scratch, identifier, topic, deadLetterTopic, groupId });
    await drained(running);

    const view = scan();
    assert.equal(view.rows.length, committed.length, 'one row per committed record');
    assert.deepEqual(view.rows, committed.map(expectedRow).sort(byPaymentId));
    assert.deepEqual(view.arrow_types, {
      payment_id: 'string',
      card_id: 'string',
      account_id: 'string',
      merchant_id: 'string',
      card_last4: 'string',
      amount_minor: 'int64',
      currency: 'string',
      amount_eur: 'double',
      channel: 'string',
      country: 'string',
      merchant_country: 'string',
      mcc: 'string',
      event_time: 'timestamp[us, tz=UTC]',
      processed_at: 'timestamp[us, tz=UTC]',
      feature_set: 'string',
      features: 'list<element: double not null>',
      model_version: 'string',
      score: 'double',
      decision: 'string',
    });
    assert.deepEqual(
      view.schema.filter(([, , , required]) => !required).map(([, name]) => name),
      ['merchant_country', 'mcc'],
    );
    assert.ok(view.snapshots > 1, `several commits (${view.snapshots})`);
    // The table records every consumed offset, aborted records and markers included.
    const recorded = JSON.parse(view.summary[offsetsKey(topic)] ?? '{}') as Record<string, number>;
    const end = await endOffsets();
    for (const [p, offset] of end) {
      assert.ok(
        (recorded[p] ?? 0) >= offset - 1 && (recorded[p] ?? 0) <= offset,
        `partition ${p}: ${recorded[p]} of ${offset}`,
      );
    }

    const dead = await readAll(kafka, deadLetterTopic, bad.length);
    assert.equal(dead.length, bad.length, 'each bad record dead-lettered once');
    const h = DEAD_LETTER_HEADERS;
    for (const expected of bad) {
      const found = dead.find((d) => d.key?.toString() === expected.message.key);
      assert.ok(found, `dead letter of ${String(expected.message.key)}`);
      assert.deepEqual(found.value, (expected.message.value as Buffer | null) ?? null);
      assert.equal(header(found.headers, h.topic), topic);
      assert.equal(header(found.headers, h.reason), expected.reason);
      assert.match(header(found.headers, h.detail) ?? '', expected.detail);
      assert.equal(header(found.headers, h.application), groupId);
      const partition = Number(header(found.headers, h.partition));
      const offset = header(found.headers, h.offset) ?? '';
      assert.ok(partition >= 0 && partition < 3 && /^\d+$/.test(offset));
    }
    assert.equal(header(dead.find((d) => d.key?.toString() === 'k7')?.headers, 'origin'), 'test');
    const metrics = await running.metrics.metrics();
    assert.match(metrics, new RegExp(`lake_sink_rows_appended_total ${committed.length}\\b`));
    assert.match(metrics, /lake_sink_dead_letters_total\{reason="deserialization"\} 6\b/);
    assert.match(metrics, /lake_sink_dead_letters_total\{reason="invalid-row"\} 1\b/);
  });

  it('a restarted sink resumes from the table, not from the consumer group', async () => {
    assert.ok(running);
    await running.sink.stop();
    running = undefined;
    // The group's offsets back to the start: a sink trusting them would append everything again.
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await produceInTransaction(
      kafka,
      `${groupId}-e`,
      topic,
      Array.from({ length: 150 }, (_, i) => {
        const payment = scoredPayment(suffix, 2_000_000 + i);
        committed.push(payment);
        return scoredMessage(serde, payment);
      }),
      'commit',
    );
    running = await startSink({ kafka, scratch, identifier, topic, deadLetterTopic, groupId });
    await drained(running);
    const view = scan();
    assert.equal(view.rows.length, committed.length);
    assert.deepEqual(
      view.rows.map((r) => r.payment_id),
      committed.map((p) => p.paymentId).sort(),
    );
    const offsets = await tableOffsets(running.writer, topic);
    assert.equal(offsets.size, 3);
  });

  it('a failed commit drops what it buffered and resumes from the table: nothing lost or doubled', async () => {
    assert.ok(running);
    await running.sink.stop();
    let calls = 0;
    running = await startSink({
      kafka,
      scratch,
      identifier,
      topic,
      deadLetterTopic,
      groupId,
      wrapEncoder: (encoder) => ({
        ...encoder,
        encode: (values, target) =>
          ++calls === 2
            ? Promise.reject(new Error('disk full (simulated)'))
            : encoder.encode(values, target),
      }),
    });
    await produceInTransaction(
      kafka,
      `${groupId}-f`,
      topic,
      Array.from({ length: 900 }, (_, i) => {
        const payment = scoredPayment(suffix, 3_000_000 + i);
        committed.push(payment);
        return scoredMessage(serde, payment);
      }),
      'commit',
    );
    await drained(running);
    assert.ok(calls > 2, 'the encoder failed once and was called again');
    assert.match(await running.metrics.metrics(), /lake_sink_commits_total\{result="failed"\} 1\b/);
    assert.deepEqual(
      scan().rows.map((r) => r.payment_id),
      committed.map((p) => p.paymentId).sort(),
    );
  });

  it('two instances share the partitions through rebalances, exactly once', async () => {
    assert.ok(running);
    const produce = (from: number, count: number, id: string) =>
      produceInTransaction(
        kafka,
        `${groupId}-${id}`,
        topic,
        Array.from({ length: count }, (_, i) => {
          const payment = scoredPayment(suffix, from + i);
          committed.push(payment);
          return scoredMessage(serde, payment);
        }),
        'commit',
      );
    await produce(4_000_000, 600, 'g');
    // A second instance joins while the first works, then the first leaves.
    const second = await startSink({ kafka, scratch, identifier, topic, deadLetterTopic, groupId });
    await produce(4_100_000, 600, 'h');
    await waitFor('both instances to hold partitions', () => {
      const a = Object.keys(running?.sink.status().partitions ?? {}).length;
      const b = Object.keys(second.sink.status().partitions).length;
      return a > 0 && b > 0 && a + b === 3;
    });
    await produce(4_200_000, 600, 'i');
    await running.sink.stop();
    running = second;
    await produce(4_300_000, 600, 'j');
    await drained(running);
    const ids = scan().rows.map((r) => r.payment_id);
    assert.equal(new Set(ids).size, ids.length, 'no payment twice');
    assert.deepEqual(ids, committed.map((p) => p.paymentId).sort());
  });
});
