/**
 * `npm start -w @fraud/streams`: the fraud topology as a service. Configured by environment
 * (see config.ts); exits non-zero with every bad variable named when misconfigured, and
 * closes cleanly on SIGTERM/SIGINT (last transactions committed, state checkpointed).
 */
import { createLogger, shutdownOnSignals } from '@fraud/common';
import { loadFraudAppConfig } from './config.js';
import { startFraudApp } from './fraud-app.js';

const config = loadFraudAppConfig();
const logger = createLogger({ name: 'fraud-topology', level: config.LOG_LEVEL });
const app = await startFraudApp(config, logger);

// The last transactions commit and state is checkpointed before exit.
shutdownOnSignals({ logger, timeoutMs: 30_000, close: () => app.close() });
