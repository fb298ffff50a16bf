import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { createLogger, findPans, findPansInJson } from '@fraud/common';
import { buildApp, type PaymentsApp } from './app.js';
import { createPool } from './db/pool.js';

// No server anywhere: a pool aimed at a closed port behaves exactly like a database that is
// down, and everything else is answered before the database is needed.
const logLines: string[] = [];
const logger = createLogger({
  name: 'test',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
});
const pool = createPool({
  databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none',
  size: 2,
  statementTimeoutMs: 1000,
  logger,
});
let app: PaymentsApp;

before(async () => {
  app = await buildApp({
    config: {
      PAN_TOKEN_KEY: 'unit-test-key-0123456789',
      BODY_LIMIT_BYTES: 4096,
      RETRY_AFTER_SECONDS: 3,
      INSERT_BATCH_MAX: 64,
      INSERT_CONCURRENCY: 2,
    },
    pool,
    logger,
  });
});
after(async () => {
  await app.close();
  await pool.end();
});

const PAN = '4000000000000002';
const valid = {
  cardNumber: PAN,
  merchantId: randomUUID(),
  amountMinor: 1250,
  currency: 'EUR',
  channel: 'online',
  country: 'FR',
};

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/payments',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

test('a bad payment names every offending field in one 400', async () => {
  const res = await post({
    cardNumber: '12ab',
    merchantId: 'not-a-uuid',
    amountMinor: '12',
    currency: 'eur',
    channel: 'atm',
    geo: { lat: 91, lon: 0 },
    surprise: true,
  });
  assert.equal(res.statusCode, 400);
  const body = res.json<{ code: string; fields: { field: string }[] }>();
  assert.equal(body.code, 'VALIDATION_FAILED');
  const fields = body.fields.map((f) => f.field).sort();
  assert.deepEqual(fields, [
    'amountMinor',
    'cardNumber',
    'channel',
    'country',
    'currency',
    'geo.lat',
    'merchantId',
    'surprise',
  ]);
});

test('a card number failing Luhn and a malformed IP are 400s naming them', async () => {
  const res = await post({ ...valid, cardNumber: '4000000000000003', ipAddress: '300.1.1.1' });
  assert.equal(res.statusCode, 400);
  const fields = res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field);
  assert.deepEqual(fields, ['cardNumber', 'ipAddress']);
});

test('a body over the limit is 413, a non-JSON type 415, broken JSON 400', async () => {
  const big = await post({ ...valid, deviceFingerprint: 'x'.repeat(5000) });
  assert.equal(big.statusCode, 413);
  assert.equal(big.json<{ code: string }>().code, 'BODY_TOO_LARGE');
  const text = await app.inject({
    method: 'POST',
    url: '/payments',
    headers: { 'content-type': 'text/plain' },
    payload: 'hello',
  });
  assert.equal(text.statusCode, 415);
  const broken = await post(`{"cardNumber":"${PAN}", "amountMinor": `);
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json<{ code: string }>().code, 'INVALID_JSON');
  assert.deepEqual(findPans(broken.body), [], 'the parser error must not echo the body');
});

test('with the database down a valid payment gets 503 and Retry-After, /readyz 503', async () => {
  const res = await post(valid, { 'idempotency-key': 'k-1' });
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers['retry-after'], '3');
  assert.equal(res.json<{ code: string }>().code, 'DATABASE_UNAVAILABLE');
  const ready = await app.inject('/readyz');
  assert.equal(ready.statusCode, 503);
  assert.equal(ready.json<{ checks: { database: string } }>().checks.database, 'ECONNREFUSED');
  assert.equal((await app.inject('/healthz')).statusCode, 200);
});

test('the card number never reaches the logs, even on failures', () => {
  assert.ok(logLines.length > 0);
  const leaks = logLines.flatMap((line) => findPansInJson(JSON.parse(line), new Set(['time'])));
  assert.deepEqual(leaks, []);
});

test('serves /metrics, the OpenAPI document and Swagger UI', async () => {
  const metrics = await app.inject('/metrics');
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /http_request_duration_seconds_bucket\{.*route="\/payments"/);
  assert.match(metrics.body, /process_cpu_user_seconds_total/);
  const doc = await app.inject('/openapi.json');
  const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
  for (const p of ['/payments', '/payments/{id}', '/accounts', '/cards', '/merchants']) {
    assert.ok(paths.includes(p), `${p} in ${paths.join()}`);
  }
  assert.equal((await app.inject('/docs/')).statusCode, 200);
});

test('unknown routes and bad ids are structured 4xx', async () => {
  const missing = await app.inject('/nowhere');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<{ code: string }>().code, 'NOT_FOUND');
  const badId = await app.inject('/payments/123');
  assert.equal(badId.statusCode, 400);
  const emptyPatch = await app.inject({
    method: 'PATCH',
    url: `/accounts/${randomUUID()}`,
    payload: {},
  });
  assert.equal(emptyPatch.statusCode, 400);
});
