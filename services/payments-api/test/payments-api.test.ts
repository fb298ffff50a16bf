import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { seedCardNumber, seedId } from '@fraud/schemas';
import { randomCardNumber, startTestApp } from './support/test-app.js';

// The API on the real database: reference data, payments, idempotency, 4xx for unknowns.
let t: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const json = (method: 'POST' | 'PATCH', url: string, payload: unknown, headers = {}) =>
  t.app.inject({
    method,
    url,
    payload: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', ...headers },
  });

const payment = (overrides: Record<string, unknown> = {}) => ({
  cardNumber: seedCardNumber(11),
  merchantId: seedId('merchant', 5),
  amountMinor: 4200,
  currency: 'EUR',
  channel: 'card_present',
  country: 'DE',
  ...overrides,
});

test('reference data and a payment through the API, read back by id', async () => {
  const account = await json('POST', '/accounts', {
    holderName: 'Ada Test',
    country: 'GB',
    home: { lat: 51.5, lon: -0.12 },
  });
  assert.equal(account.statusCode, 201, account.body);
  const accountId = account.json<{ id: string }>().id;

  const pan = randomCardNumber();
  const card = await json('POST', '/cards', {
    accountId,
    cardNumber: pan,
    expiryMonth: 4,
    expiryYear: 2030,
  });
  assert.equal(card.statusCode, 201, card.body);
  const cardBody = card.json<{ id: string; last4: string; issuerCountry: string; brand: string }>();
  assert.equal(cardBody.last4, pan.slice(-4));
  assert.equal(cardBody.issuerCountry, 'GB');
  assert.equal(cardBody.brand, 'visa');
  assert.doesNotMatch(card.body, new RegExp(pan));

  const again = await json('POST', '/cards', {
    accountId,
    cardNumber: pan,
    expiryMonth: 4,
    expiryYear: 2030,
  });
  assert.equal(again.statusCode, 409);

  const merchant = await json('POST', '/merchants', {
    name: 'Corner Shop',
    mcc: '5411',
    country: 'GB',
    city: 'London',
    geo: { lat: 51.5, lon: -0.1 },
  });
  assert.equal(merchant.statusCode, 201, merchant.body);
  const merchantId = merchant.json<{ id: string }>().id;

  const accepted = await json(
    'POST',
    '/payments',
    payment({
      cardNumber: pan,
      merchantId,
      currency: 'GBP',
      country: 'GB',
      ipAddress: '203.0.113.9',
      deviceFingerprint: 'fp-1',
      geo: { lat: 51.5, lon: -0.1 },
    }),
  );
  assert.equal(accepted.statusCode, 202, accepted.body);
  const { id, links } = accepted.json<{ id: string; links: { self: string } }>();
  assert.equal(accepted.headers.location, links.self);

  const read = await t.app.inject(links.self);
  assert.equal(read.statusCode, 200);
  const stored = read.json<Record<string, unknown>>();
  assert.equal(stored.id, id);
  assert.equal(stored.cardId, cardBody.id);
  assert.equal(stored.accountId, accountId);
  assert.equal(stored.cardLast4, pan.slice(-4));
  assert.equal(stored.amountMinor, 4200);
  assert.equal(stored.ipAddress, '203.0.113.9');
  assert.equal(stored.status, 'received');
  assert.equal(stored.score, null);

  const row = await t.pool.query('SELECT * FROM payments WHERE id = $1', [id]);
  assert.doesNotMatch(JSON.stringify(row.rows), new RegExp(pan), 'the database holds no PAN');

  assert.equal((await t.app.inject(`/payments/${randomUUID()}`)).statusCode, 404);
});

test('unknown card, merchant, currency or account are 422; unknown ids to change 404', async () => {
  const codeOf = async (res: Promise<{ statusCode: number; json: <T>() => T }>) => {
    const r = await res;
    return `${r.statusCode} ${r.json<{ code: string }>().code}`;
  };
  assert.equal(
    await codeOf(json('POST', '/payments', payment({ cardNumber: randomCardNumber() }))),
    '422 UNKNOWN_CARD',
  );
  assert.equal(
    await codeOf(json('POST', '/payments', payment({ merchantId: randomUUID() }))),
    '422 UNKNOWN_MERCHANT',
  );
  assert.equal(
    await codeOf(json('POST', '/payments', payment({ currency: 'XXX' }))),
    '422 UNKNOWN_CURRENCY',
  );
  assert.equal(
    await codeOf(
      json('POST', '/cards', {
        accountId: randomUUID(),
        cardNumber: randomCardNumber(),
        expiryMonth: 1,
        expiryYear: 2031,
      }),
    ),
    '422 UNKNOWN_ACCOUNT',
  );
  assert.equal(
    await codeOf(json('PATCH', `/accounts/${randomUUID()}`, { status: 'closed' })),
    '404 ACCOUNT_NOT_FOUND',
  );
  assert.equal(
    await codeOf(json('PATCH', `/cards/${randomUUID()}`, { status: 'blocked' })),
    '404 CARD_NOT_FOUND',
  );
});

test('retries with one Idempotency-Key, even concurrent ones, write one row and get one id', async () => {
  const key = `retry-${randomUUID()}`;
  const body = payment({ amountMinor: 777 });
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => json('POST', '/payments', body, { 'idempotency-key': key })),
  );
  const late = await json('POST', '/payments', body, { 'idempotency-key': key });
  const all = [...answers, late];
  assert.ok(
    all.every((a) => a.statusCode === 202),
    all.map((a) => a.body).join('\n'),
  );
  const ids = new Set(all.map((a) => a.json<{ id: string }>().id));
  assert.equal(ids.size, 1);
  assert.equal(late.headers['idempotent-replayed'], 'true');
  const rows = await t.pool.query(
    'SELECT count(*)::int AS n FROM payments WHERE idempotency_key = $1',
    [key],
  );
  assert.equal(rows.rows[0]?.n, 1);

  const reused = await json(
    'POST',
    '/payments',
    { ...body, amountMinor: 778 },
    { 'idempotency-key': key },
  );
  assert.equal(reused.statusCode, 422);
  assert.equal(reused.json<{ code: string }>().code, 'IDEMPOTENCY_KEY_REUSED');
});

test('a burst shares INSERTs; each refusal concerns its own payment only', async () => {
  const batchRows = async () => {
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const read = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
    return {
      rows: read('payments_insert_batch_rows_sum'),
      inserts: read('payments_insert_batch_rows_count'),
    };
  };
  const before = await batchRows();
  const tag = `burst-${randomUUID()}`;
  const key = `burst-key-${randomUUID()}`;
  const first = await json('POST', '/payments', payment({ deviceFingerprint: tag }), {
    'idempotency-key': key,
  });
  assert.equal(first.statusCode, 202, first.body);
  const good: Record<string, unknown>[] = Array.from({ length: 37 }, (_, i) =>
    payment({ amountMinor: 100 + i, deviceFingerprint: tag }),
  );
  const bad: Record<string, unknown>[] = [
    // The key's first use had another amount.
    { ...payment({ amountMinor: 1, deviceFingerprint: tag }), key },
    payment({ cardNumber: randomCardNumber(), deviceFingerprint: tag }),
    payment({ currency: 'XXX', deviceFingerprint: tag }),
  ];
  const answers = await Promise.all(
    [...good, ...bad].map(({ key: reusedKey, ...b }) =>
      json('POST', '/payments', b, reusedKey ? { 'idempotency-key': reusedKey } : {}),
    ),
  );
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [...good.map(() => 202), 422, 422, 422],
  );
  assert.deepEqual(
    answers.slice(-3).map((a) => a.json<{ code: string }>().code),
    ['IDEMPOTENCY_KEY_REUSED', 'UNKNOWN_CARD', 'UNKNOWN_CURRENCY'],
  );
  const stored = await t.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM payments WHERE device_fingerprint = $1',
    [tag],
  );
  assert.equal(stored.rows[0]?.n, good.length + 1);
  const after = await batchRows();
  // Fewer statements than payments: they were grouped.
  assert.ok(after.inserts - before.inserts < answers.length, JSON.stringify({ before, after }));
  assert.ok(after.rows - before.rows >= answers.length);
});
