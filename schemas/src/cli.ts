/**
 * `npm run <migrate|seed|cdc> -w @fraud/schemas`: the database and CDC set-up by hand.
 *   migrate  apply pending SQL migrations
 *   seed     migrate, then write the deterministic reference data
 *   cdc      migrate, seed, register or update the Debezium connector and wait for RUNNING
 * Configured like the services: DATABASE_URL, CONNECT_URL, PAN_TOKEN_KEY, LOG_LEVEL.
 */
import { Type } from '@sinclair/typebox';
import { createLogger, loadServiceConfig } from '@fraud/common';
import { migrate } from './migrations/migrate.js';
import { seedReferenceData } from './seed/seed.js';
import { setUpCdc } from './set-up-cdc.js';
import { PanTokenKey } from './pan-token-key.js';

const command = process.argv[2];
const config = loadServiceConfig(Type.Object({ PAN_TOKEN_KEY: PanTokenKey }));
const logger = createLogger({ name: 'schemas', level: config.LOG_LEVEL });
const databaseUrl = config.DATABASE_URL;

switch (command) {
  case 'migrate':
    await migrate({ databaseUrl, logger });
    break;
  case 'seed':
    await migrate({ databaseUrl, logger });
    await seedReferenceData({ databaseUrl, panTokenKey: config.PAN_TOKEN_KEY, logger });
    break;
  case 'cdc':
    await setUpCdc({
      databaseUrl,
      connectUrl: config.CONNECT_URL,
      kafkaBrokers: config.KAFKA_BROKERS,
      panTokenKey: config.PAN_TOKEN_KEY,
      logger,
    });
    break;
  default:
    console.error('usage: tsx schemas/src/cli.ts migrate|seed|cdc');
    process.exit(2);
}
