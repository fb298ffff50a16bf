import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { loadServiceConfig, Port, type CommonConfig, type Env } from '@fraud/common';

const SHIPPED_MODEL = fileURLToPath(new URL('../../../../ml/model', import.meta.url));
const topic = (name: string, what: string) =>
  Type.String({ minLength: 1, default: name, description: what });

/** The fraud topology's own variables; KAFKA_BROKERS, SCHEMA_REGISTRY_URL etc. come too. */
export const FraudAppEnv = Type.Object({
  PORT: Port(8090, 'HTTP port of /healthz, /readyz and /metrics'),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'interface to listen on' }),
  APPLICATION_ID: Type.String({
    pattern: '^[A-Za-z0-9._-]+$',
    default: 'fraud-app',
    description: 'consumer group, transactional id prefix and changelog topic prefix',
  }),
  STATE_DIR: Type.String({
    minLength: 1,
    default: '.stack/streams-state',
    description: 'where local state stores live (a cache of their changelogs)',
  }),
  MODEL_DIR: Type.String({
    minLength: 1,
    default: SHIPPED_MODEL,
    description: 'directory holding model.onnx and model.json (the shipped model by default)',
  }),
  MODEL_POLL_MS: Type.Integer({
    minimum: 0,
    default: 2000,
    description: 'how often to look for a new model to hot-reload; 0 disables',
  }),
  MAX_BATCH: Type.Integer({ minimum: 1, default: 256, description: 'largest inference batch' }),
  PARTITIONS_CONCURRENTLY: Type.Integer({
    minimum: 1,
    default: 6,
    description: 'input partitions processed in parallel, each with its own transaction',
  }),
  MAX_BYTES_PER_PARTITION: Type.Integer({
    minimum: 1024,
    default: 1_048_576,
    description:
      'upper bound of one fetch per partition, so of one transaction (latency vs throughput)',
  }),
  REPLICATION_FACTOR: Type.Integer({
    minimum: 1,
    default: 1,
    description: 'replication of the changelog, output and dead-letter topics created',
  }),
  PAYMENTS_TOPIC: topic('pg.public.payments', 'payments CDC topic (keyed by card id)'),
  ACCOUNTS_TOPIC: topic('pg.public.accounts', 'accounts CDC topic'),
  CARDS_TOPIC: topic('pg.public.cards', 'cards CDC topic'),
  MERCHANTS_TOPIC: topic('pg.public.merchants', 'merchants CDC topic'),
  SCORED_TOPIC: topic('payments.scored', 'every scored payment (Avro)'),
  ALERTS_TOPIC: topic('fraud.alerts', 'payments over the alert threshold (Avro)'),
  DLQ_TOPIC: topic('payments.dlq', 'records that failed to decode or validate'),
});

export type FraudAppConfig = CommonConfig & Static<typeof FraudAppEnv>;

export const loadFraudAppConfig = (env: Env = process.env): FraudAppConfig =>
  loadServiceConfig(FraudAppEnv, env);
