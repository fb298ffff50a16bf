/**
 * `npm start -w services/payments-api`: migrate, listen, and on SIGTERM/SIGINT stop taking
 * requests, finish the ones in flight, then close the pool. Configured by environment
 * (see config.ts); exits non-zero with every bad variable named when misconfigured.
 */
import { createLogger, shutdownOnSignals } from '@fraud/common';
import { migrate } from '@fraud/schemas';
import { buildApp } from './app.js';
import { loadPaymentsApiConfig } from './config.js';
import { createPool } from './db/pool.js';

const config = loadPaymentsApiConfig();
const logger = createLogger({ name: 'payments-api', level: config.LOG_LEVEL });

if (config.MIGRATE_ON_START) await migrate({ databaseUrl: config.DATABASE_URL, logger });

const pool = createPool({
  databaseUrl: config.DATABASE_URL,
  size: config.DATABASE_POOL_SIZE,
  statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  logger,
});
const app = await buildApp({ config, pool, logger });
await app.listen({ port: config.PORT, host: config.HOST });

// Stop taking requests, finish the ones in flight, then close the pool.
shutdownOnSignals({
  logger,
  timeoutMs: 10_000,
  close: async () => {
    await app.close();
    await pool.end();
  },
});
