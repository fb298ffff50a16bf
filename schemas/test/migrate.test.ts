import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Type } from '@sinclair/typebox';
import { createLogger, loadServiceConfig } from '@fraud/common';
import { migrate, MigrationError, readMigrations, seedReferenceData } from '@fraud/schemas';

// Migrations and seed against a throwaway database of the real PostgreSQL.
const config = loadServiceConfig(Type.Object({}));
const logger = createLogger({ name: 'test', level: 'warn' });
const database = `schemas_test_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const url = new URL(config.DATABASE_URL);
url.pathname = `/${database}`;
const databaseUrl = url.toString();

async function onMain<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

before(() => onMain((c) => c.query(`CREATE DATABASE ${database}`)));
after(() => onMain((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)));

test('applies every migration once, even when replicas start together', async () => {
  const results = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl, logger })));
  const applied = results.flatMap((r) => r.applied).sort();
  assert.deepEqual(
    applied,
    readMigrations().map((m) => m.version),
  );
  assert.deepEqual((await migrate({ databaseUrl, logger })).applied, []);
});

test('refuses to run when an applied migration was edited; applies a new one', async () => {
  const migrations = readMigrations();
  const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
  await assert.rejects(migrate({ databaseUrl, logger, migrations: edited }), (error: unknown) => {
    assert.ok(error instanceof MigrationError);
    assert.equal(error.code, 'MIGRATION_CHANGED');
    return true;
  });
  const next = { version: 999, name: 'probe', sql: 'CREATE TABLE probe (x int)', checksum: 'p' };
  assert.deepEqual(
    (await migrate({ databaseUrl, logger, migrations: [...migrations, next] })).applied,
    [999],
  );
});

test('a failed migration leaves nothing behind', async () => {
  const broken = {
    version: 1000,
    name: 'broken',
    sql: 'CREATE TABLE half (x int); SELECT 1/0',
    checksum: 'b',
  };
  await assert.rejects(migrate({ databaseUrl, logger, migrations: [broken] }));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const half = await client.query("SELECT to_regclass('half') AS t");
  const recorded = await client.query('SELECT 1 FROM schema_migrations WHERE version = 1000');
  await client.end();
  assert.equal(half.rows[0]?.t, null);
  assert.equal(recorded.rowCount, 0);
});

test('seeds tens of thousands of cards quickly, and a re-run writes nothing', async () => {
  const first = await seedReferenceData({ databaseUrl, panTokenKey: 'k'.repeat(20), logger });
  assert.deepEqual([first.accounts, first.cards, first.merchants], [20_000, 50_000, 5_000]);
  assert.ok(first.ms < 30_000, `seed took ${first.ms} ms`);
  const again = await seedReferenceData({ databaseUrl, panTokenKey: 'k'.repeat(20), logger });
  assert.deepEqual([again.accounts, again.cards, again.merchants], [0, 0, 0]);
  const rekeyed = await seedReferenceData({ databaseUrl, panTokenKey: 'z'.repeat(20), logger });
  assert.equal(rekeyed.cards, 50_000, 'a new tokenization key rewrites the seeded tokens');
});
