import pg from 'pg';
import type { Logger } from '@fraud/common';

export interface PoolOptions {
  databaseUrl: string;
  /** The alerts schema; first on the search path, `public` (payment_scores, payments) second. */
  schema: string;
  size: number;
  statementTimeoutMs: number;
  logger: Logger;
  applicationName?: string;
}

/** The connection settings shared by the pool and the LISTEN connection. */
export function connectionConfig(databaseUrl: string, schema: string): pg.ClientConfig {
  return { connectionString: databaseUrl, options: `-c search_path=${schema},public` };
}

/**
 * The service's pool. Waiting for a connection is bounded (2 s) so that a database outage turns
 * into quick 503s instead of requests piling up; so is every statement.
 */
export function createPool({
  databaseUrl,
  schema,
  size,
  statementTimeoutMs,
  logger,
  applicationName = 'alerts-api',
}: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...connectionConfig(databaseUrl, schema),
    max: size,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMs,
    application_name: applicationName,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  return pool;
}
