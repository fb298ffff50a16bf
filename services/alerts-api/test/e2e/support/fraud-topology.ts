import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createKafka, createLogger, parseBrokers, type Logger } from '@fraud/common';
import { deleteSubject } from '@fraud/schemas';
import {
  loadFraudAppConfig,
  startFraudApp,
  type FraudApp,
  type FraudAppConfig,
} from '@fraud/streams/fraud';
import { waitForGroupToReachEnd } from './group-progress.js';

/**
 * A port free right now, for the topology's /healthz and /metrics (its config refuses 0). A
 * random pick can hit a port the many local Kafka connections hold (the ephemeral range).
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface RunningFraudTopology {
  config: FraudAppConfig;
  app: FraudApp;
  kafka: Kafka;
  logger: Logger;
  /**
   * Waits until the topology has processed the payments that were in the CDC topic when it
   * started (the history it replays); resolves to the milliseconds waited.
   */
  waitForBacklog(timeoutMs: number): Promise<number>;
  /** Stops it, then deletes its topics (outputs, changelogs), consumer group, subjects, state. */
  close(): Promise<void>;
}

/**
 * Payments of history the topology replays per partition at most: a fresh stack's all, the
 * newest of a development stack's millions (load tests leave them), which would take minutes.
 */
const HISTORY_PER_PARTITION = 20_000;

/**
 * The real fraud topology in this process, on the shared `pg.public.*` CDC topics, with its
 * own application id (consumer group, changelogs), state directory and output topics, so a
 * scenario's alerts-api sees this run's scores and alerts only and parallel runs never meet.
 * Output topics are created by the topology itself, partitioned like its input.
 */
export async function startFraudTopology(): Promise<RunningFraudTopology> {
  const id = randomBytes(4).toString('hex');
  const prefix = `e2e-attack-${id}`;
  const stateDir = await mkdtemp(join(tmpdir(), 'fraud-e2e-state-'));
  const config = loadFraudAppConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    APPLICATION_ID: `fraud-${prefix}`,
    STATE_DIR: stateDir,
    SCORED_TOPIC: `${prefix}.payments.scored`,
    ALERTS_TOPIC: `${prefix}.fraud.alerts`,
    DLQ_TOPIC: `${prefix}.payments.dlq`,
    PORT: String(await freePort()),
  });
  const logger = createLogger({ name: 'fraud-topology-e2e', level: config.LOG_LEVEL });
  const kafka = createKafka({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: 'fraud-topology-e2e',
    logger,
  });

  async function removeEverything(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ours = (await admin.listTopics()).filter(
        (topic) => topic.startsWith(`${prefix}.`) || topic.startsWith(`${config.APPLICATION_ID}-`),
      );
      if (ours.length > 0) await admin.deleteTopics({ topics: ours });
      await admin.deleteGroups([config.APPLICATION_ID]).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
    for (const topic of [config.SCORED_TOPIC, config.ALERTS_TOPIC])
      await deleteSubject(config.SCHEMA_REGISTRY_URL, `${topic}-value`);
    await rm(stateDir, { recursive: true, force: true });
  }

  let app: FraudApp;
  try {
    await startGroupAtHistory(kafka, config.APPLICATION_ID, config.PAYMENTS_TOPIC);
    app = await startFraudApp(config, logger);
  } catch (error) {
    await removeEverything().catch(() => undefined);
    throw error;
  }
  return {
    config,
    app,
    kafka,
    logger,
    waitForBacklog: (timeoutMs) =>
      waitForGroupToReachEnd(kafka, config.APPLICATION_ID, [config.PAYMENTS_TOPIC], timeoutMs),
    async close() {
      await app.close();
      await removeEverything();
    },
  };
}

/** Commits the new group's start on each partition, HISTORY_PER_PARTITION before its end. */
async function startGroupAtHistory(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const partitions = (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
      partition,
      offset: String(Math.max(Number(low), Number(high) - HISTORY_PER_PARTITION)),
    }));
    await admin.setOffsets({ groupId, topic, partitions });
  } finally {
    await admin.disconnect();
  }
}
