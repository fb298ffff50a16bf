import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAge, formatMoney, formatNumber, formatScore } from './format.js';

test('amounts in minor units honour the currency exponent', () => {
  assert.equal(formatMoney(12_345, 'EUR', 'en-GB'), '€123.45');
  assert.equal(formatMoney(500, 'JPY', 'en-GB'), 'JP¥500');
  assert.match(formatMoney(1_000, 'BHD', 'en-GB'), /^BHD\s1\.000$/); // three decimals
});

test('scores, ages and feature values read compactly', () => {
  assert.equal(formatScore(0.97312), '0.973');
  assert.equal(formatAge(10_000, 10_000), 'just now');
  assert.equal(formatAge(0, 42_000), '42 s ago');
  assert.equal(formatAge(0, 5 * 60_000), '5 min ago');
  assert.equal(formatNumber(12), '12');
  assert.equal(formatNumber(0.123456), '0.123');
  assert.equal(formatNumber(1234.567), '1234.6');
});
