import { createKafka, parseBrokers, type Env, type Logger } from '@fraud/common';
import { cdcTopicSpecs, ensureCdcTopics } from './cdc/cdc-topics.js';
import { cdcConnectorValues, renderConnectorConfig } from './cdc/connector-config.js';
import { ensureConnector, type EnsureConnectorResult } from './cdc/ensure-connector.js';
import { migrate, type MigrateResult } from './migrations/migrate.js';
import { seedReferenceData, type SeedResult } from './seed/seed.js';

export interface SetUpCdcOptions {
  databaseUrl: string;
  connectUrl: string;
  /** Where the CDC topics are created before the connector starts writing to them. */
  kafkaBrokers: string;
  logger: Logger;
  /** Seed reference data under this tokenization key; no seeding when absent. */
  panTokenKey?: string;
  env?: Env;
}

/**
 * Everything the CDC path needs, in the only order that works: tables and publication first
 * (the connector refuses a missing publication), reference data next (so the connector's
 * initial snapshot carries it instead of 75,000 streamed inserts), the CDC topics with their
 * declared partitions and cleanup policies, then the connector.
 * Idempotent: what the stack and the demo call on every start.
 */
export async function setUpCdc({
  databaseUrl,
  connectUrl,
  kafkaBrokers,
  logger,
  panTokenKey,
  env = process.env,
}: SetUpCdcOptions): Promise<{
  migrations: MigrateResult;
  seed: SeedResult | undefined;
  connector: EnsureConnectorResult;
}> {
  const migrations = await migrate({ databaseUrl, logger });
  const seed =
    panTokenKey === undefined
      ? undefined
      : await seedReferenceData({ databaseUrl, panTokenKey, logger });
  const config = renderConnectorConfig(cdcConnectorValues(databaseUrl, env));
  const kafka = createKafka({ brokers: parseBrokers(kafkaBrokers), clientId: 'cdc-setup', logger });
  await ensureCdcTopics(kafka, cdcTopicSpecs(config));
  const connector = await ensureConnector({ connectUrl, config, logger });
  return { migrations, seed, connector };
}
