import { Type, type Static } from '@sinclair/typebox';
import { loadServiceConfig, Port, type CommonConfig, type Env } from '@fraud/common';
import { TOPICS } from '@fraud/schemas';
import { MaintenanceEnv } from './maintenance/maintenance-config.js';

/**
 * lake-sink's own variables; the common ones (KAFKA_BROKERS, SCHEMA_REGISTRY_URL,
 * DATABASE_URL for the catalog, LOG_LEVEL) come too. LAKE_CATALOG and LAKE_WAREHOUSE are
 * shared with the maintenance commands so both find the same tables.
 */
export const LakeSinkEnv = Type.Object({
  PORT: Port(8082, 'HTTP port of /healthz, /readyz, /metrics and /status'),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'interface to listen on (0.0.0.0 in a container)',
  }),
  ...MaintenanceEnv.properties,
  LAKE_NAMESPACE: Type.String({
    minLength: 1,
    default: 'fraud',
    description: 'Iceberg namespace of the table (created when missing)',
  }),
  LAKE_TABLE: Type.String({
    pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    default: 'payments_scored',
    description: 'Iceberg table the scored payments are appended to (created when missing)',
  }),
  LAKE_TOPIC: Type.String({
    minLength: 1,
    default: TOPICS.scored,
    description: 'source topic (Avro ScoredPayment values, read_committed)',
  }),
  LAKE_DLQ_TOPIC: Type.String({
    minLength: 1,
    default: TOPICS.dlq,
    description: 'dead-letter topic for records that cannot become rows',
  }),
  LAKE_GROUP_ID: Type.String({
    minLength: 1,
    default: 'lake-sink',
    description: 'consumer group: instances of one group share the partitions',
  }),
  LAKE_COMMIT_ROWS: Type.Integer({
    minimum: 1,
    default: 100_000,
    description: 'commit as soon as this many rows are buffered (also bounds memory)',
  }),
  LAKE_COMMIT_INTERVAL_MS: Type.Integer({
    minimum: 100,
    default: 30_000,
    description: 'commit buffered records at the latest this long after the first arrived',
  }),
  LAKE_MAX_ROWS_PER_FILE: Type.Integer({
    minimum: 1,
    default: 500_000,
    description:
      'rows per Parquet file; a commit writes one file per event day up to this size (compact merges small ones)',
  }),
  LAKE_ROW_GROUP_ROWS: Type.Integer({
    minimum: 1000,
    default: 100_000,
    description: 'rows per Parquet row group',
  }),
  LAKE_PARQUET_CODEC: Type.Union(
    [Type.Literal('GZIP'), Type.Literal('SNAPPY'), Type.Literal('UNCOMPRESSED')],
    { default: 'GZIP', description: 'Parquet compression (GZIP at level 1)' },
  ),
  LAKE_ENCODE_WORKERS: Type.Integer({
    minimum: 0,
    maximum: 64,
    default: 2,
    description:
      'worker threads decoding and encoding commits beside the consumer (0: on the main thread)',
  }),
  LAKE_FETCH_BYTES_PER_PARTITION: Type.Integer({
    minimum: 64 * 1024,
    default: 4 * 1024 * 1024,
    description: 'bytes fetched per partition per request',
  }),
  LAKE_SESSION_TIMEOUT_MS: Type.Integer({
    minimum: 3000,
    default: 30_000,
    description:
      'consumer group session timeout: after a crash, how long before the partitions move on',
  }),
  LAKE_SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    default: 60_000,
    description: 'on SIGTERM, time allowed for the final commit before exiting anyway',
  }),
});

export type LakeSinkConfig = CommonConfig & Static<typeof LakeSinkEnv>;

export const loadLakeSinkConfig = (env: Env = process.env): LakeSinkConfig =>
  loadServiceConfig(LakeSinkEnv, env);
