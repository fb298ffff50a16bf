import Fastify from 'fastify';
import { Counter, Gauge, Histogram } from 'prom-client';
import { createKafka, observability, parseBrokers, type Logger } from '@fraud/common';
import {
  createAvroSerde,
  FRAUD_ALERT_SCHEMA,
  registerSchemas,
  SCORED_PAYMENT_SCHEMA,
} from '@fraud/schemas';
import { createStreamsMetrics } from '../../metrics/index.js';
import { createStreamsApp, type StreamsApp } from '../../runtime/index.js';
import { avroStreamsSerde } from '../avro-streams-serde.js';
import { buildFraudTopology } from '../fraud-topology.js';
import { ModelHolder } from '../scoring/model-holder.js';
import type { FraudAppConfig } from './config.js';

export interface FraudApp {
  streams: StreamsApp;
  models: ModelHolder;
  /** Where /healthz, /readyz and /metrics answer. */
  url: string;
  close(): Promise<void>;
}

/**
 * Wires the fraud topology for production: registers the Avro schemas (BACKWARD compatible,
 * refused at start-up otherwise), loads the model (hot reload on), starts the exactly-once
 * runtime and serves health and metrics.
 */
export async function startFraudApp(config: FraudAppConfig, logger: Logger): Promise<FraudApp> {
  const ids = await registerSchemas({
    registryUrl: config.SCHEMA_REGISTRY_URL,
    subjects: {
      scored: `${config.SCORED_TOPIC}-value`,
      alerts: `${config.ALERTS_TOPIC}-value`,
    },
    logger,
  });
  const http = Fastify({ loggerInstance: logger.child({ component: 'http' }) });
  let started = false;
  await http.register(observability, {
    readiness: {
      topology: async () => {
        if (!started) throw new Error('restoring state and joining the group');
      },
    },
  });
  const modelVersion = new Gauge({
    name: 'fraud_model_info',
    help: 'The model in service (value 1, version label)',
    labelNames: ['version'] as const,
    registers: [http.metrics],
  });
  const refusedModels = new Gauge({
    name: 'fraud_model_refused_total',
    help: 'New models refused at load since start',
    registers: [http.metrics],
  });
  const scored = new Counter({
    name: 'fraud_payments_scored_total',
    help: 'Payments scored, by decision (counted when scored; a retried cycle counts again)',
    labelNames: ['decision'] as const,
    registers: [http.metrics],
  });
  const scores = new Histogram({
    name: 'fraud_score',
    help: 'Distribution of model scores',
    buckets: [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99],
    registers: [http.metrics],
  });
  const alerts = new Counter({
    name: 'fraud_alerts_total',
    help: 'Alerts emitted (payments over the threshold)',
    registers: [http.metrics],
  });
  const models = await ModelHolder.start({
    dir: config.MODEL_DIR,
    logger,
    pollMs: config.MODEL_POLL_MS,
    onLoaded: (version) => {
      modelVersion.reset();
      modelVersion.set({ version }, 1);
    },
    onRefused: () => refusedModels.inc(),
  });
  const topology = buildFraudTopology({
    topics: {
      payments: config.PAYMENTS_TOPIC,
      accounts: config.ACCOUNTS_TOPIC,
      cards: config.CARDS_TOPIC,
      merchants: config.MERCHANTS_TOPIC,
      scored: config.SCORED_TOPIC,
      alerts: config.ALERTS_TOPIC,
      deadLetter: config.DLQ_TOPIC,
    },
    model: () => models.current(),
    scoredSerde: avroStreamsSerde(createAvroSerde(SCORED_PAYMENT_SCHEMA, ids.scored)),
    alertSerde: avroStreamsSerde(createAvroSerde(FRAUD_ALERT_SCHEMA, ids.alerts)),
    maxBatch: config.MAX_BATCH,
    onScored: ({ scored: s, alert }) => {
      scored.inc({ decision: s.decision });
      scores.observe(s.score);
      if (alert) alerts.inc();
    },
  });
  const streams = createStreamsApp({
    applicationId: config.APPLICATION_ID,
    topology,
    kafka: createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: config.APPLICATION_ID,
      logger,
    }),
    logger,
    stateDir: config.STATE_DIR,
    partitionsConsumedConcurrently: config.PARTITIONS_CONCURRENTLY,
    maxBytesPerPartition: config.MAX_BYTES_PER_PARTITION,
    replicationFactor: config.REPLICATION_FACTOR,
    // Records/s, commit latency, lag, end-to-end latency: on the service's /metrics.
    metrics: createStreamsMetrics(http.metrics),
  });
  const url = await http.listen({ port: config.PORT, host: config.HOST });
  await streams.start();
  started = true;
  logger.info({ model: models.current().version }, 'fraud topology running');
  return {
    streams,
    models,
    url,
    async close() {
      started = false;
      await streams.close();
      await models.close();
      await http.close();
    },
  };
}
