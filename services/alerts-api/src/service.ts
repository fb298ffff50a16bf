import type { Producer } from 'kafkajs';
import { createKafka, createRegistry, parseBrokers, type Logger } from '@fraud/common';
import {
  createAvroDecoder,
  createAvroSerde,
  FRAUD_ALERT_SCHEMA,
  FRAUD_LABEL_SCHEMA,
  registerSchema,
  SCORED_PAYMENT_SCHEMA,
  valueSubject,
  type AvroSerde,
  type FraudLabel,
} from '@fraud/schemas';
import { buildApp, type AlertsApp } from './app.js';
import { createUserDirectory, parseUsers } from './auth/users.js';
import type { FeatureCatalog } from './cards/feature-catalog.js';
import type { AlertsApiConfig } from './config.js';
import { migrateAlerts } from './db/migrate-alerts.js';
import { connectionConfig, createPool } from './db/pool.js';
import { createReadModelConsumer, type ReadModelConsumer } from './ingest/read-model-consumer.js';
import { fraudAlertProblems, scoredPaymentProblems } from './ingest/record-checks.js';
import { pruneExpired } from './ingest/retention.js';
import { storeAlerts } from './ingest/store-alerts.js';
import { storeScoredPayments } from './ingest/store-scored-payments.js';
import { recordHandler } from './ingest/topic-handler.js';
import { createLabelPublisher, type LabelPublisher } from './labels/label-publisher.js';
import { outboxChannel } from './labels/label-outbox.js';
import { createEventHub, type EventHub } from './live/event-hub.js';
import { eventsChannel } from './live/event-log.js';
import { createNotificationListener } from './live/notification-listener.js';

export interface AlertsServiceOptions {
  config: AlertsApiConfig;
  logger: Logger;
  featureNames: FeatureCatalog;
  /** How often expired scored payments and events are deleted (consuming instances only). */
  pruneIntervalMs?: number;
}

export interface AlertsService {
  app: AlertsApp;
  hub: EventHub;
  /** Present when CONSUME is on. */
  consumer: ReadModelConsumer | undefined;
  labels: LabelPublisher | undefined;
  /** Resolves once the consumer runs (or the service stopped first). */
  consuming: Promise<void>;
  /** Stops consuming and publishing, closes the app (ending live streams), then the pool. */
  stop(): Promise<void>;
}

/** The FraudLabel serde, registered on first use and kept; a failure is retried next time. */
function labelSerde(config: AlertsApiConfig, logger: Logger) {
  let serde: Promise<AvroSerde<FraudLabel>> | undefined;
  return () => {
    serde ??= registerSchema({
      registryUrl: config.SCHEMA_REGISTRY_URL,
      subject: valueSubject(config.LABELS_TOPIC),
      schema: FRAUD_LABEL_SCHEMA,
      logger,
    })
      .then((id) => createAvroSerde(FRAUD_LABEL_SCHEMA, id))
      .catch((error: unknown) => {
        serde = undefined;
        throw error;
      });
    return serde;
  };
}

/**
 * alerts-api, wired: migrations, the pool, the HTTP app and its live-stream hub, and (with
 * CONSUME) the read-model consumer, the label publisher and retention. server.ts adds
 * listening and signals; tests and the benchmark use it as it is.
 */
export async function startAlertsService({
  config,
  logger,
  featureNames,
  pruneIntervalMs = 60_000,
}: AlertsServiceOptions): Promise<AlertsService> {
  const schema = config.ALERTS_DB_SCHEMA;
  if (config.MIGRATE_ON_START) {
    await migrateAlerts({ databaseUrl: config.DATABASE_URL, schema, logger });
  }
  const pool = createPool({
    databaseUrl: config.DATABASE_URL,
    schema,
    size: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logger,
  });
  const users = await createUserDirectory(parseUsers(config.ALERTS_USERS));
  const hub = createEventHub({ pool, logger });
  await hub.start();
  const app = await buildApp({ config, pool, logger, users, hub, featureNames });

  let consumer: ReadModelConsumer | undefined;
  let labels: LabelPublisher | undefined;
  const producers: Producer[] = [];
  if (config.CONSUME) {
    const kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: 'alerts-api',
      logger,
    });
    const registry = createRegistry({ url: config.SCHEMA_REGISTRY_URL, clientId: 'alerts-api' });
    const deadLetters = kafka.producer();
    const labelProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await deadLetters.connect();
    await labelProducer.connect();
    producers.push(deadLetters, labelProducer);
    labels = createLabelPublisher({
      pool,
      producer: labelProducer,
      serde: labelSerde(config, logger),
      topic: config.LABELS_TOPIC,
      logger,
      metrics: app.metrics,
    });
    consumer = createReadModelConsumer({
      kafka,
      pool,
      groupId: config.CONSUMER_GROUP,
      handlers: [
        recordHandler({
          topic: config.ALERTS_TOPIC,
          decoder: createAvroDecoder({ registry, readerSchema: FRAUD_ALERT_SCHEMA }),
          problems: fraudAlertProblems,
          store: storeAlerts,
        }),
        recordHandler({
          topic: config.SCORED_TOPIC,
          decoder: createAvroDecoder({ registry, readerSchema: SCORED_PAYMENT_SCHEMA }),
          problems: scoredPaymentProblems,
          store: async (client, payments) => {
            await storeScoredPayments(client, payments);
            return [];
          },
        }),
      ],
      deadLetter: { producer: deadLetters, topic: config.DLQ_TOPIC },
      application: 'alerts-api',
      logger,
      metrics: app.metrics,
    });
  }

  const listener = createNotificationListener({
    connection: connectionConfig(config.DATABASE_URL, schema),
    channels: [eventsChannel(schema), outboxChannel(schema)],
    onNotify: (channel) => (channel === eventsChannel(schema) ? hub.poke() : labels?.poke()),
    onConnected: () => {
      hub.poke();
      labels?.poke();
    },
    logger,
  });
  await listener.start();
  // Not awaited: with Kafka or the topics not there yet, the API serves while it retries.
  const consuming = consumer?.start();

  const prune = () =>
    pruneExpired({
      pool,
      logger,
      scoredPaymentsHours: config.RECENT_PAYMENTS_RETENTION_HOURS,
      eventsHours: config.EVENT_RETENTION_HOURS,
    }).catch((error: unknown) => logger.warn({ err: error }, 'pruning failed; retried later'));
  const pruning = config.CONSUME ? setInterval(prune, pruneIntervalMs) : undefined;
  pruning?.unref();

  return {
    app,
    hub,
    consumer,
    labels,
    consuming: consuming ?? Promise.resolve(),
    async stop() {
      clearInterval(pruning);
      await consumer?.stop();
      await consuming;
      await labels?.stop();
      await Promise.all(producers.map((p) => p.disconnect()));
      await listener.stop();
      await app.close();
      await pool.end();
    },
  };
}
