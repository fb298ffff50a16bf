import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMigrations } from './read-migrations.js';

test('migrations are versioned files in order, each with a checksum', () => {
  const migrations = readMigrations();
  assert.ok(migrations.length >= 3);
  migrations.forEach((m, i) => assert.equal(m.version, i + 1, `${m.name} out of sequence`));
  for (const m of migrations) assert.match(m.checksum, /^[0-9a-f]{64}$/);
});

test('the publication covers the four CDC tables and leaves scores out', () => {
  const sql = readMigrations()
    .map((m) => m.sql)
    .join('\n');
  assert.match(sql, /CREATE PUBLICATION fraud_cdc FOR TABLE accounts, cards, merchants, payments/);
  assert.doesNotMatch(sql, /PUBLICATION[^;]*payment_scores/);
  assert.doesNotMatch(
    sql,
    /^\s*(pan|card_number|pan_number)\s/im,
    'no column may hold a clear PAN',
  );
});
