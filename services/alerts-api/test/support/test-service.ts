import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import { createKafka, createLogger, parseBrokers } from '@fraud/common';
import {
  createAvroSerde,
  FRAUD_ALERT_SCHEMA,
  registerSchemas,
  SCORED_PAYMENT_SCHEMA,
  valueSubject,
  type AvroSerde,
  type FraudAlert,
  type ScoredPayment,
} from '@fraud/schemas';
import { featureCatalog } from '../../src/cards/feature-catalog.js';
import { loadAlertsApiConfig, type AlertsApiConfig } from '../../src/config.js';
import { startAlertsService, type AlertsService } from '../../src/service.js';

/** Feature names the tests' scored payments use. */
export const TEST_FEATURE_SET = 'test-v1';
export const TEST_FEATURE_NAMES = ['amount_eur_log', 'count_1h', 'merchant_is_new', 'online'];

/**
 * Everything one test file needs, private to it: a schema of its own in the shared database,
 * topics and registry subjects with a random suffix, and the real service on top.
 */
export interface TestWorld {
  tag: string;
  config: AlertsApiConfig;
  kafka: Kafka;
  /** Serdes registered under the test topics' subjects, to produce input records. */
  serdes: { alerts: AvroSerde<FraudAlert>; scored: AvroSerde<ScoredPayment> };
  /** A connection to the test schema (search path set), for assertions. */
  db: pg.Pool;
  logLines: string[];
  service: AlertsService;
  /** Starts the service again on the same schema and topics (after `service.stop()`). */
  restart(overrides?: Partial<AlertsApiConfig>): Promise<AlertsService>;
  produce(topic: string, records: { key: string; value: Buffer | null }[]): Promise<void>;
  /** Stops the service, drops the schema, deletes topics and subjects. */
  close(): Promise<void>;
}

export async function createTestWorld(
  overrides: Partial<AlertsApiConfig> = {},
  partitions = 2,
): Promise<TestWorld> {
  const tag = randomBytes(4).toString('hex');
  const base = loadAlertsApiConfig();
  const config: AlertsApiConfig = {
    ...base,
    ALERTS_DB_SCHEMA: `alerts_test_${tag}`,
    ALERTS_TOPIC: `alerts-test-${tag}.fraud.alerts`,
    SCORED_TOPIC: `alerts-test-${tag}.payments.scored`,
    LABELS_TOPIC: `alerts-test-${tag}.fraud.labels`,
    DLQ_TOPIC: `alerts-test-${tag}.payments.dlq`,
    CONSUMER_GROUP: `alerts-test-${tag}`,
    DASHBOARD_DIR: `/nonexistent-${tag}`,
    LOG_LEVEL: 'info',
    ...overrides,
  };
  const logLines: string[] = [];
  const logger = createLogger({
    name: 'alerts-api',
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  const kafka = createKafka({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: `alerts-test-${tag}`,
    logger: createLogger({ name: 'kafka', level: 'warn' }),
  });
  const topics = [config.ALERTS_TOPIC, config.SCORED_TOPIC, config.LABELS_TOPIC, config.DLQ_TOPIC];
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const subjects = {
    alerts: valueSubject(config.ALERTS_TOPIC),
    scored: valueSubject(config.SCORED_TOPIC),
    labels: valueSubject(config.LABELS_TOPIC),
  };
  const ids = await registerSchemas({
    registryUrl: config.SCHEMA_REGISTRY_URL,
    subjects,
    logger: createLogger({ name: 'registry', level: 'warn' }),
  });
  const serdes = {
    alerts: createAvroSerde(FRAUD_ALERT_SCHEMA, ids.alerts),
    scored: createAvroSerde(SCORED_PAYMENT_SCHEMA, ids.scored),
  };
  const producer = kafka.producer();
  await producer.connect();

  const start = async (extra: Partial<AlertsApiConfig> = {}) => {
    const service = await startAlertsService({
      config: { ...config, ...extra },
      logger,
      featureNames: featureCatalog({ [TEST_FEATURE_SET]: TEST_FEATURE_NAMES }),
      pruneIntervalMs: 3_600_000,
    });
    await service.consuming;
    return service;
  };
  const world: TestWorld = {
    tag,
    config,
    kafka,
    serdes,
    db: new pg.Pool({
      connectionString: config.DATABASE_URL,
      options: `-c search_path=${config.ALERTS_DB_SCHEMA},public`,
      max: 3,
    }),
    logLines,
    service: await start(),
    async restart(extra) {
      world.service = await start(extra);
      return world.service;
    },
    async produce(topic, records) {
      await producer.send({ topic, acks: -1, messages: records });
    },
    async close() {
      await world.service.stop().catch(() => {});
      await producer.disconnect();
      await world.db.query(`DROP SCHEMA ${config.ALERTS_DB_SCHEMA} CASCADE`);
      await world.db.end();
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics }).catch(() => {});
      await cleanup.deleteGroups([config.CONSUMER_GROUP]).catch(() => {});
      await cleanup.disconnect();
      for (const subject of Object.values(subjects)) {
        // Soft delete first: the ccompat API refuses a permanent delete before.
        await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${subject}`, { method: 'DELETE' });
        await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${subject}?permanent=true`, {
          method: 'DELETE',
        });
      }
    },
  };
  return world;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
