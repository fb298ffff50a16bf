import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import { createKafka, createLogger, parseBrokers, type Env, type Logger } from '@fraud/common';
import { deleteSubject } from '@fraud/schemas';
import { featureCatalog, type FeatureCatalog } from '../../../src/cards/feature-catalog.js';
import { loadAlertsApiConfig, type AlertsApiConfig } from '../../../src/config.js';
import { startAlertsService, type AlertsService } from '../../../src/service.js';

export interface StartAlertsApiOptions {
  /** The built dashboard to serve at `/` (see buildDashboard). */
  dashboardDir: string;
  /**
   * Variables over the process environment. By default every topic, the database schema and
   * the consumer group get a fresh random name; the end-to-end scenario points ALERTS_TOPIC
   * and SCORED_TOPIC at the real topology's topics instead.
   */
  env?: Env;
  featureNames?: FeatureCatalog;
  /** Keep the database schema and topics after close (to look at them). */
  keep?: boolean;
}

export interface RunningAlertsApi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  config: AlertsApiConfig;
  service: AlertsService;
  kafka: Kafka;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * The whole alerts-api (migrations, consumers, label publisher, HTTP, live stream, dashboard)
 * in this process, listening on a free loopback port, against the real database and broker.
 */
export async function startAlertsApi(options: StartAlertsApiOptions): Promise<RunningAlertsApi> {
  const id = randomBytes(4).toString('hex');
  const config = loadAlertsApiConfig({
    ...process.env,
    ALERTS_DB_SCHEMA: `alerts_e2e_${id}`,
    ALERTS_TOPIC: `e2e-${id}.fraud.alerts`,
    SCORED_TOPIC: `e2e-${id}.payments.scored`,
    LABELS_TOPIC: `e2e-${id}.fraud.labels`,
    DLQ_TOPIC: `e2e-${id}.payments.dlq`,
    CONSUMER_GROUP: `alerts-api-e2e-${id}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...options.env,
    DASHBOARD_DIR: options.dashboardDir,
  });
  const logger = createLogger({ name: 'alerts-api-e2e', level: config.LOG_LEVEL });
  const kafka = createKafka({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: 'alerts-api-e2e',
    logger,
  });
  const topics = [config.ALERTS_TOPIC, config.SCORED_TOPIC, config.LABELS_TOPIC, config.DLQ_TOPIC];
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Existing topics (the real ones) are left as they are.
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }

  const service = await startAlertsService({
    config,
    logger,
    featureNames: options.featureNames ?? featureCatalog({}),
  });
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = service.app.server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    config,
    service,
    kafka,
    logger,
    async close() {
      await service.stop();
      if (options.keep) return;
      const ours = topics.filter((t) => t.startsWith(`e2e-${id}.`));
      const cleanup = kafka.admin();
      await cleanup.connect();
      try {
        if (ours.length > 0) await cleanup.deleteTopics({ topics: ours });
      } finally {
        await cleanup.disconnect();
      }
      for (const topic of ours) await deleteSubject(config.SCHEMA_REGISTRY_URL, `${topic}-value`);
      if (config.ALERTS_DB_SCHEMA !== `alerts_e2e_${id}`) return;
      const client = new pg.Client({ connectionString: config.DATABASE_URL });
      await client.connect();
      try {
        await client.query(
          `DROP SCHEMA IF EXISTS ${client.escapeIdentifier(config.ALERTS_DB_SCHEMA)} CASCADE`,
        );
      } finally {
        await client.end();
      }
    },
  };
}
