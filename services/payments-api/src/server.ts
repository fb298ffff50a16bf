/**
 * `npm start -w services/payments-api`: migrate, listen, and on SIGTERM/SIGINT stop taking
 * requests, finish the ones in flight, then close the pool. Configured by environment
 * (see config.ts); exits non-zero with every bad variable named when misconfigured.
 */
import { createLogger } from '@fraud/common';
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

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // A second signal, or a request that never ends, must not keep the process forever.
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await app.close();
    await pool.end();
    clearTimeout(force);
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
