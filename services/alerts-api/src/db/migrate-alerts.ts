import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from '@fraud/common';
import { migrate, readMigrations, type MigrateResult } from '@fraud/schemas';
import { sqlState } from './database-errors.js';

/** `services/alerts-api/migrations`. */
export const ALERTS_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface MigrateAlertsOptions {
  databaseUrl: string;
  schema: string;
  logger: Logger;
}

/**
 * Applies this service's migrations inside its own schema with the shared runner. The runner
 * keeps its history in an unqualified `schema_migrations` table; with the search path starting
 * at our schema that table is created there, so payments' history (public.schema_migrations)
 * and ours coexist and version numbers never clash. Idempotent; safe from every replica.
 */
export async function migrateAlerts({
  databaseUrl,
  schema,
  logger,
}: MigrateAlertsOptions): Promise<MigrateResult> {
  await ensureSchema(databaseUrl, schema);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return migrate({
    databaseUrl: url.toString(),
    logger: logger.child({ schema }),
    migrations: readMigrations(ALERTS_MIGRATIONS_DIR),
  });
}

// Before the runner connects: with a missing schema first on the search path, its history
// table would land in public, in payments' table.
async function ensureSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(schema)}`);
  } catch (error) {
    // Two replicas creating it at once: one wins, the other sees a unique violation.
    if (sqlState(error) !== '23505' && sqlState(error) !== '42P06') throw error;
  } finally {
    await client.end();
  }
}
