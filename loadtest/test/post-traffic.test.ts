import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@fraud/common';
import { buildApp, createPool, loadPaymentsApiConfig } from '@fraud/payments-api';
import {
  FRAUD_PATTERNS,
  generateTraffic,
  postTraffic,
  runTag,
  scriptedAttack,
  type TrafficOptions,
} from '../src/index.js';

// The real payments-api, in this process but listening on a port, on the stack's database.
let baseUrl: string;
let close: () => Promise<void>;
let pool: ReturnType<typeof createPool>;

before(async () => {
  const config = loadPaymentsApiConfig();
  const logger = createLogger({ name: 'payments-api', level: 'warn' });
  pool = createPool({
    databaseUrl: config.DATABASE_URL,
    size: 8,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logger,
  });
  const app = await buildApp({ config, pool, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = async () => {
    await app.close();
    await pool.end();
  };
});
after(async () => close());

const storedWithKeyPrefix = async (prefix: string) => {
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM payments WHERE idempotency_key LIKE $1',
    [`${prefix}%`],
  );
  return Number(rows[0]?.n);
};

test('200 generated payments are all accepted, and a re-run writes nothing new', async () => {
  // A fresh seed per run: the database keeps the payments of earlier runs.
  const options: TrafficOptions = {
    seed: randomInt(1, 2 ** 31),
    startMs: Date.now(),
    durationMs: 900_000,
    paymentsPerSecond: 20,
    fraudRate: 0.05,
  };
  const payments = [...generateTraffic(options)].slice(0, 200);
  assert.equal(payments.length, 200);

  const first = await postTraffic({ baseUrl, payments, ratePerSecond: 400, concurrency: 16 });
  assert.deepEqual(first.rejections, {});
  assert.equal(first.accepted, 200);
  assert.equal(first.replayed, 0);
  const keyPrefix = `tg-${runTag(options)}-`;
  assert.equal(await storedWithKeyPrefix(keyPrefix), 200);

  const again = await postTraffic({ baseUrl, payments, ratePerSecond: 400, concurrency: 16 });
  assert.equal(again.accepted, 200);
  assert.equal(again.replayed, 200, 'every payment answered from the first run');
  assert.equal(await storedWithKeyPrefix(keyPrefix), 200);
});

test('a scripted attack of every kind is accepted as sent', async () => {
  const seed = randomInt(1, 2 ** 31);
  for (const kind of FRAUD_PATTERNS) {
    const attack = scriptedAttack({ seed, kind, startMs: Date.now() });
    const result = await postTraffic({
      baseUrl,
      payments: attack.payments,
      ratePerSecond: 1000,
      concurrency: 8,
    });
    assert.deepEqual(result.rejections, {}, kind);
    assert.equal(result.accepted, attack.payments.length);
    assert.ok(attack.attackedCardIndexes.length > 0);
  }
});
