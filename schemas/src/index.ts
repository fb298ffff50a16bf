export { MigrationError, ConnectorError } from './errors.js';
export { migrate, type MigrateOptions, type MigrateResult } from './migrations/migrate.js';
export { readMigrations, MIGRATIONS_DIR, type Migration } from './migrations/read-migrations.js';
export { seedReferenceData, type SeedOptions, type SeedResult } from './seed/seed.js';
export { DEFAULT_SEED_SIZES, type SeedSizes } from './seed/reference-rows.js';
export { seedCardNumber, seedId, type SeedKind } from './seed/seed-identities.js';
export {
  CDC_CONNECTOR_FILE,
  CDC_PUBLICATION,
  CDC_TOPIC_PREFIX,
  cdcTopic,
  cdcConnectorValues,
  renderConnectorConfig,
  type ConnectorConfig,
} from './cdc/connector-config.js';
export {
  ensureConnector,
  type EnsureConnectorOptions,
  type EnsureConnectorResult,
} from './cdc/ensure-connector.js';
export type { ConnectorStatus } from './cdc/connect-client.js';
export { setUpCdc, type SetUpCdcOptions } from './set-up-cdc.js';
export { cdcTopicSpecs, ensureCdcTopics, type CdcTopicSpec } from './cdc/cdc-topics.js';
export { PanTokenKey } from './pan-token-key.js';
export {
  accountRows,
  cardRows,
  merchantRows,
  type AccountRow,
  type CardRow,
  type MerchantRow,
} from './seed/reference-rows.js';
export { CITIES, MERCHANT_CATEGORIES, type City } from './seed/places.js';
export { createPrng, pick, type Prng } from './seed/prng.js';
export * from './avro/index.js';
