/**
 * `npm start -w @fraud/streams`: the fraud topology as a service. Configured by environment
 * (see config.ts); exits non-zero with every bad variable named when misconfigured, and
 * closes cleanly on SIGTERM/SIGINT (last transactions committed, state checkpointed).
 */
import { createLogger } from '@fraud/common';
import { loadFraudAppConfig } from './config.js';
import { startFraudApp } from './fraud-app.js';

const config = loadFraudAppConfig();
const logger = createLogger({ name: 'fraud-topology', level: config.LOG_LEVEL });
const app = await startFraudApp(config, logger);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 30_000).unref();
  try {
    await app.close();
    clearTimeout(force);
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
