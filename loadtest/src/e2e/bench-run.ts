import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cdcTopic } from '@fraud/schemas';
import type { PipelineService } from './service-process.js';

/**
 * Names of everything one bench run creates, all carrying its id, so a run never shares a
 * topic, group, schema or table with the demo, the tests or another run, and its clean-up
 * can find what it made.
 */
export interface BenchRun {
  id: string;
  /** The topology's consumer group, transactional-id and changelog prefix. */
  applicationId: string;
  topics: {
    /** The shared CDC topic: read from where it ends when the run starts, never deleted. */
    payments: string;
    scored: string;
    alerts: string;
    deadLetter: string;
    labels: string;
  };
  readerGroup: string;
  alertsGroup: string;
  lakeGroup: string;
  /** PostgreSQL schema of alerts-api's read model. */
  alertsSchema: string;
  /** SQL-catalog name of the lake table. */
  lakeCatalog: string;
  /** Scratch space: the topology's state, the lake warehouse. */
  workDir: string;
}

/** `id`: lowercase letters and digits (it names a PostgreSQL schema too). */
export function benchRun(id: string, workDir: string): BenchRun {
  if (!/^[a-z0-9]{1,20}$/.test(id)) throw new RangeError(`bad bench run id "${id}"`);
  return {
    id,
    applicationId: `bench-e2e-${id}`,
    topics: {
      payments: cdcTopic('payments'),
      scored: `payments.scored.bench-e2e-${id}`,
      alerts: `fraud.alerts.bench-e2e-${id}`,
      deadLetter: `payments.dlq.bench-e2e-${id}`,
      labels: `fraud.labels.bench-e2e-${id}`,
    },
    readerGroup: `bench-e2e-${id}-reader`,
    alertsGroup: `bench-e2e-${id}-alerts-api`,
    lakeGroup: `bench-e2e-${id}-lake-sink`,
    alertsSchema: `alerts_bench_e2e_${id}`,
    lakeCatalog: `bench_e2e_${id}`,
    workDir,
  };
}

/** Each service's environment for a run: its topics, group, schema or table. */
export function serviceEnv(
  service: PipelineService['name'],
  run: BenchRun,
  logLevel: string,
): Record<string, string> {
  const { topics } = run;
  const common = { LOG_LEVEL: logLevel };
  switch (service) {
    case 'payments-api':
      return common;
    case 'fraud-topology':
      return {
        ...common,
        APPLICATION_ID: run.applicationId,
        STATE_DIR: join(run.workDir, 'streams-state'),
        MODEL_POLL_MS: '0',
        PAYMENTS_TOPIC: topics.payments,
        SCORED_TOPIC: topics.scored,
        ALERTS_TOPIC: topics.alerts,
        DLQ_TOPIC: topics.deadLetter,
      };
    case 'alerts-api':
      return {
        ...common,
        ALERTS_DB_SCHEMA: run.alertsSchema,
        SCORED_TOPIC: topics.scored,
        ALERTS_TOPIC: topics.alerts,
        LABELS_TOPIC: topics.labels,
        DLQ_TOPIC: topics.deadLetter,
        CONSUMER_GROUP: run.alertsGroup,
      };
    case 'lake-sink':
      return {
        ...common,
        LAKE_CATALOG: run.lakeCatalog,
        LAKE_WAREHOUSE: pathToFileURL(join(run.workDir, 'warehouse')).href,
        LAKE_TOPIC: topics.scored,
        LAKE_DLQ_TOPIC: topics.deadLetter,
        LAKE_GROUP_ID: run.lakeGroup,
      };
  }
}
