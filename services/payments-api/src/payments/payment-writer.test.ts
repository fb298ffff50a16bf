import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { Registry } from 'prom-client';
import type { Query } from '../db/query.js';
import { PaymentsApiError } from '../errors.js';
import type { NewPayment } from './payment-store.js';
import { PaymentWriter } from './payment-writer.js';

/** A database that answers each INSERT with its rows, or fails it when `refuse` names an error. */
function fakeDatabase(refuse: (ids: string[]) => Error | undefined) {
  const statements: string[][] = [];
  const query = (async (_text: string, values?: unknown[]) => {
    const ids = values?.[0] as string[];
    statements.push(ids);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const error = refuse(ids);
    if (error) throw error;
    const rows = ids.map((id) => ({
      card_found: true,
      merchant_found: true,
      currency_found: true,
      id,
    }));
    return { rows } as unknown as pg.QueryResult;
  }) as Query;
  return { query, statements };
}

const payment = (id: string): NewPayment => ({
  id,
  cardToken: 'tok',
  merchantId: 'm',
  amountMinor: 100,
  currency: 'EUR',
  channel: 'online',
  country: 'FR',
  idempotencyKey: undefined,
  requestHash: 'h',
});

const writer = (query: Query, concurrency = 1) =>
  new PaymentWriter({ query, maxBatch: 64, concurrency, metrics: new Registry() });

test('payments arriving while an INSERT runs share the next one', async () => {
  const db = fakeDatabase(() => undefined);
  const w = writer(db.query);
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const outcomes = await Promise.all(ids.map((id) => w.write(payment(id))));
  assert.deepEqual(
    outcomes.map((o) => o.id),
    ids,
  );
  assert.deepEqual(db.statements, [['a'], ['b', 'c', 'd', 'e']]);
});

test('a value the database refuses fails its own payment only', async () => {
  const refused = new PaymentsApiError('INVALID_VALUE', 'refused');
  const db = fakeDatabase((ids) => (ids.includes('bad') ? refused : undefined));
  const w = writer(db.query);
  const results = await Promise.allSettled(
    ['a', 'b', 'bad', 'c'].map((id) => w.write(payment(id))),
  );
  assert.deepEqual(
    results.map((r) => (r.status === 'fulfilled' ? r.value.id : r.reason)),
    ['a', 'b', refused, 'c'],
  );
  // The batch b, bad, c failed and was written again one by one.
  assert.deepEqual(db.statements, [['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
});

test('an unavailable database fails the whole batch, without retrying each payment', async () => {
  const down = new PaymentsApiError('DATABASE_UNAVAILABLE', 'down', { retriable: true });
  const db = fakeDatabase(() => down);
  const w = writer(db.query);
  const results = await Promise.allSettled(['a', 'b', 'c'].map((id) => w.write(payment(id))));
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason === down));
  assert.deepEqual(db.statements, [['a'], ['b', 'c']]);
});
