import pg from 'pg';
import type { Logger } from '@fraud/common';

export interface PoolOptions {
  databaseUrl: string;
  size: number;
  statementTimeoutMs: number;
  logger: Logger;
}

/**
 * The service's connection pool. Waiting for a connection is bounded (2 s) so that a database
 * outage turns into quick 503s instead of requests piling up; so is every statement.
 */
export function createPool({
  databaseUrl,
  size,
  statementTimeoutMs,
  logger,
}: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: size,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMs,
    application_name: 'payments-api',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  return pool;
}
