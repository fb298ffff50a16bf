import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardBrand, isLuhnValid } from '@fraud/common';
import { accountRows, cardRows, merchantRows } from './reference-rows.js';
import { seedCardNumber, seedId } from './seed-identities.js';

test('seeded card numbers are valid, unique and of several brands', () => {
  const numbers = Array.from({ length: 1000 }, (_, i) => seedCardNumber(i));
  assert.ok(numbers.every(isLuhnValid));
  assert.equal(new Set(numbers).size, numbers.length);
  assert.deepEqual(new Set(numbers.map(cardBrand)), new Set(['visa', 'mastercard', 'amex']));
});

test('ids are stable name-based UUIDs', () => {
  assert.equal(seedId('card', 7), seedId('card', 7));
  assert.notEqual(seedId('card', 7), seedId('account', 7));
  assert.match(
    seedId('merchant', 1),
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});

test('the reference rows are the same on every run', () => {
  const sizes = { accounts: 50, cards: 120, merchants: 30 };
  const once = cardRows(sizes, accountRows(50), 'key-0123456789abcdef');
  const twice = cardRows(sizes, accountRows(50), 'key-0123456789abcdef');
  assert.deepEqual(once, twice);
  assert.deepEqual(merchantRows(30), merchantRows(30));
  assert.ok(once.every((c) => c.panToken.startsWith('tok_') && /^\d{4}$/.test(c.last4)));
});
