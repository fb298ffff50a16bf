import pg from 'pg';
import type { Logger } from '@fraud/common';
import { MigrationError } from '../errors.js';
import { readMigrations, type Migration } from './read-migrations.js';

export interface MigrateOptions {
  databaseUrl: string;
  logger: Logger;
  /** Defaults to the package's own `migrations` folder. */
  migrations?: Migration[];
}

export interface MigrateResult {
  applied: number[];
  current: number;
}

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Brings the database to the newest migration. Safe to call from every replica at start-up:
 * an advisory lock serialises concurrent callers, each pending file runs in its own
 * transaction together with its bookkeeping row, and applied files are checked unchanged.
 */
export async function migrate({
  databaseUrl,
  logger,
  migrations = readMigrations(),
}: MigrateOptions): Promise<MigrateResult> {
  const log = logger.child({ component: 'migrate' });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      checksum   text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await client.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(done.rows.map((r) => [r.version, r.checksum]));
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            'MIGRATION_CHANGED',
            `${migration.version}_${migration.name}`,
            'edited after it was applied; add a new migration instead',
          );
        }
        continue;
      }
      await applyOne(client, migration);
      newlyApplied.push(migration.version);
      log.info({ version: migration.version, migration: migration.name }, 'migration applied');
    }
    const current = migrations.at(-1)?.version ?? 0;
    log.info({ current, applied: newlyApplied.length }, 'database schema up to date');
    return { applied: newlyApplied, current };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
      [migration.version, migration.name, migration.checksum],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
