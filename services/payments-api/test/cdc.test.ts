import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { findPansInJson } from '@fraud/common';
import { cdcTopic, seedCardNumber, seedId } from '@fraud/schemas';
import { collect, markTopic, readAll, type CdcRecord } from './support/kafka-topics.js';
import { startTestApp } from './support/test-app.js';

// The CDC contract, end to end on the real stack: API → PostgreSQL → Debezium → Kafka.
let t: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

interface Change {
  op: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: { table: string; ts_ms: number };
}
const changeOf = (r: CdcRecord) => r.value as Change;
// Debezium's own numeric metadata: commit times and log positions, not data.
const METADATA_NUMBERS = new Set(['ts_ms', 'ts_us', 'ts_ns', 'lsn', 'txId', 'xmin', 'time']);

const cardIndex = 1234;
const pans = [seedCardNumber(cardIndex), seedCardNumber(cardIndex + 1)];

test('a POSTed payment is on pg.public.payments within seconds, keyed by card id', async () => {
  assert.equal(t.cdc.connector.status.connector.state, 'RUNNING');
  const mark = await markTopic(t.kafka, cdcTopic('payments'));
  const posted = Date.now();
  const res = await t.app.inject({
    method: 'POST',
    url: '/payments',
    payload: {
      cardNumber: pans[0],
      merchantId: seedId('merchant', 42),
      amountMinor: 31_337,
      currency: 'JPY',
      channel: 'online',
      country: 'JP',
      ipAddress: '198.51.100.7',
      deviceFingerprint: `dev-${randomUUID()}`,
      geo: { lat: 35.68, lon: 139.76 },
    },
  });
  assert.equal(res.statusCode, 202, res.body);
  const id = res.json<{ id: string }>().id;

  const records = await collect(
    t.kafka,
    mark,
    (rs) => rs.some((r) => changeOf(r).after?.id === id),
    15_000,
  );
  const seenAfter = Date.now() - posted;
  const record = records.find((r) => changeOf(r).after?.id === id);
  assert.ok(record);
  const change = changeOf(record);
  const cardId = seedId('card', cardIndex);
  assert.deepEqual(record.key, { card_id: cardId });
  assert.equal(change.op, 'c');
  assert.equal(change.source.table, 'payments');
  assert.ok(seenAfter < 10_000, `seen after ${seenAfter} ms`);
  const after = change.after ?? {};
  assert.equal(after.card_id, cardId);
  assert.equal(after.account_id, seedId('account', cardIndex % 20_000));
  assert.equal(after.merchant_id, seedId('merchant', 42));
  assert.equal(after.amount_minor, 31_337);
  assert.equal(after.currency, 'JPY');
  assert.equal(after.channel, 'online');
  assert.equal(after.country, 'JP');
  assert.equal(after.ip_address, '198.51.100.7');
  assert.equal(after.lat, 35.68);
  assert.equal(after.card_last4, pans[0]?.slice(-4));
  assert.match(String(after.card_token), /^tok_[A-Za-z0-9_-]{43}$/);
  assert.ok(Math.abs(change.source.ts_ms - posted) < 10_000, 'source.ts_ms is the commit time');
  const lag = record.timestamp - change.source.ts_ms;
  assert.ok(lag >= 0 && lag < 2000, `commit to Kafka took ${lag} ms`);

  // Same card, another payment: same key, so same partition.
  const second = await t.app.inject({
    method: 'POST',
    url: '/payments',
    payload: {
      cardNumber: pans[0],
      merchantId: seedId('merchant', 43),
      amountMinor: 5,
      currency: 'JPY',
      channel: 'card_present',
      country: 'JP',
    },
  });
  const secondId = second.json<{ id: string }>().id;
  const more = await collect(
    t.kafka,
    mark,
    (rs) => rs.some((r) => changeOf(r).after?.id === secondId),
    15_000,
  );
  const partitions = new Set(
    more.filter((r) => changeOf(r).after?.card_id === cardId).map((r) => r.partition),
  );
  assert.equal(partitions.size, 1);
});

test('an account update is on pg.public.accounts with its before and after images', async () => {
  const accountId = seedId('account', 777);
  const mark = await markTopic(t.kafka, cdcTopic('accounts'));
  const name = `Renamed ${randomUUID().slice(0, 8)}`;
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/accounts/${accountId}`,
    payload: { holderName: name },
  });
  assert.equal(res.statusCode, 200, res.body);
  const records = await collect(t.kafka, mark, (rs) =>
    rs.some((r) => changeOf(r).after?.holder_name === name),
  );
  const record = records.find((r) => changeOf(r).after?.holder_name === name);
  assert.ok(record);
  assert.deepEqual(record.key, { id: accountId });
  const change = changeOf(record);
  assert.equal(change.op, 'u');
  assert.equal(change.before?.id, accountId, 'REPLICA IDENTITY FULL gives the before image');
  assert.notEqual(change.before?.holder_name, name);
});

test('no card number on any CDC topic, nor in the API logs', async () => {
  // Card numbers were sent to the API (payments above, a card registered here).
  const account = await t.app.inject({
    method: 'POST',
    url: '/accounts',
    payload: { holderName: 'Leak Test', country: 'FR' },
  });
  const mark = await markTopic(t.kafka, cdcTopic('cards'));
  const card = await t.app.inject({
    method: 'POST',
    url: '/cards',
    payload: {
      accountId: account.json<{ id: string }>().id,
      cardNumber: pans[1],
      expiryMonth: 1,
      expiryYear: 2032,
    },
  });
  if (card.statusCode === 201) {
    const cardId = card.json<{ id: string }>().id;
    await collect(t.kafka, mark, (rs) => rs.some((r) => changeOf(r).after?.id === cardId));
  } else {
    assert.equal(card.statusCode, 409, 'a re-run finds the card registered');
  }

  // Reference tables in full; of payments the newest 20k a partition, ours among them (a
  // development stack that ran load tests holds millions, more than a minute's read).
  let scanned = 0;
  for (const table of ['accounts', 'cards', 'merchants', 'payments'] as const) {
    const last = table === 'payments' ? 20_000 : undefined;
    const records = await readAll(t.kafka, cdcTopic(table), { lastPerPartition: last });
    scanned += records.length;
    const leaks = records.flatMap((r) =>
      findPansInJson({ key: r.key, value: r.value }, METADATA_NUMBERS),
    );
    assert.deepEqual(leaks.slice(0, 5), [], `${table}: card numbers on the topic`);
  }
  assert.ok(scanned > 1000, `scanned ${scanned} records`);

  const logLeaks = t.logLines.flatMap((line) => findPansInJson(JSON.parse(line), METADATA_NUMBERS));
  assert.ok(t.logLines.length > 0);
  assert.deepEqual(logLeaks, []);
});
