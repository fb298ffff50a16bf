import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITIES, MIGRATIONS_DIR } from '@fraud/schemas';
import { eurToMinor, minorToEur, minorUnits } from './money.js';

test('every city currency has the exponent the database declares', () => {
  const sql = readFileSync(join(MIGRATIONS_DIR, '0001_reference_data.sql'), 'utf8');
  const declared = new Map(
    [...sql.matchAll(/\('([A-Z]{3})', (\d), '/g)].map((m) => [m[1], Number(m[2])]),
  );
  for (const { currency } of CITIES) {
    assert.equal(minorUnits(currency), declared.get(currency), currency);
  }
});

test('euros become whole minor units of each currency', () => {
  assert.equal(eurToMinor(10, 'EUR'), 1000);
  assert.equal(eurToMinor(10, 'JPY'), 1600);
  assert.equal(eurToMinor(0.001, 'GBP'), 1, 'never below one minor unit');
  assert.ok(Math.abs(minorToEur(eurToMinor(42, 'SEK'), 'SEK') - 42) < 0.01);
  assert.throws(() => eurToMinor(1, 'XXX'), RangeError);
});
