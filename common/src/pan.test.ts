import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cardBrand,
  findPans,
  findPansInJson,
  isLuhnValid,
  luhnCheckDigit,
  tokenizePan,
} from './pan.js';

test('Luhn check accepts card numbers and rejects a changed digit', () => {
  assert.ok(isLuhnValid('4111111111111111'));
  assert.ok(isLuhnValid('378282246310005'));
  assert.ok(!isLuhnValid('4111111111111112'));
  assert.ok(!isLuhnValid('4111-1111'));
  assert.equal(luhnCheckDigit('411111111111111'), '1');
});

test('tokens are stable per key, differ across keys, and hold no long digit run', () => {
  const a = tokenizePan('4111111111111111', 'key-one-0123456789');
  assert.equal(a, tokenizePan('4111111111111111', 'key-one-0123456789'));
  assert.notEqual(a, tokenizePan('4111111111111111', 'key-two-0123456789'));
  assert.match(a, /^tok_[A-Za-z0-9_-]{43}$/);
  assert.doesNotMatch(a, /4111111111111111/);
});

test('finds card numbers in free text, grouped or not, and ignores other numbers', () => {
  const text =
    'paid with 4111 1111 1111 1111, then 5500-0000-0000-0004; order 12345, ts 1700000000001';
  assert.deepEqual(findPans(text), ['4111111111111111', '5500000000000004']);
  assert.deepEqual(findPans('id 2026-11-23T10:21:54.123Z amount 1999'), []);
  assert.deepEqual(findPans('amex 3782 822463 10005'), ['378282246310005']);
  // A UUID whose groups happen to be digits is not a card number.
  assert.deepEqual(
    findPans(
      'cc5d6a1b-11c0-5da9-9211-523235872c11 8edb1506-3106-5158-8a64-80e93ca4f661 12345678-1234-1234-1234-123456789012',
    ),
    [],
  );
});

test('brand follows the leading digits', () => {
  assert.equal(cardBrand('4111111111111111'), 'visa');
  assert.equal(cardBrand('5500000000000004'), 'mastercard');
  assert.equal(cardBrand('2221000000000009'), 'mastercard');
  assert.equal(cardBrand('378282246310005'), 'amex');
  assert.equal(cardBrand('6011000990139424'), 'discover');
  assert.equal(cardBrand('9999999999999995'), 'other');
});

test('finds card numbers in JSON strings and integers, not in ignored timestamps', () => {
  const value = {
    time: 1795430009237,
    responseTime: 0.419959999999719,
    note: 'card 4111111111111111',
    nested: [{ raw: 5500000000000004 }],
  };
  assert.deepEqual(findPansInJson(value, new Set(['time'])), [
    '4111111111111111',
    '5500000000000004',
  ]);
});
