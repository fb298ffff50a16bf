import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import { createLogger, loadServiceConfig } from '@fraud/common';
import { Type } from '@sinclair/typebox';
import {
  createLakeSink,
  createSinkMetrics,
  createWorkerEncoder,
  openScoredPaymentsTable,
  readSnapshotOffsets,
  type LakeSink,
  type RecordEncoder,
  type ScoredPaymentRow,
  type TableIdentifier,
  type TableWriter,
} from '../../src/index.js';
import type { ScratchCatalog } from './scratch-catalog.js';

export interface SinkUnderTest {
  readonly sink: LakeSink;
  readonly writer: TableWriter<ScoredPaymentRow>;
  readonly metrics: Registry;
}

/**
 * The sink in this process on a scratch catalog, as server.ts wires it (worker encoder
 * included), with small commits so a test sees several.
 */
export async function startSink(options: {
  kafka: Kafka;
  scratch: ScratchCatalog;
  identifier: TableIdentifier;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  commitRows?: number;
  commitIntervalMs?: number;
  /** Wraps the encoder, e.g. to make it fail. */
  wrapEncoder?: (encoder: RecordEncoder) => RecordEncoder;
}): Promise<SinkUnderTest> {
  const { SCHEMA_REGISTRY_URL } = loadServiceConfig(Type.Object({}));
  const logger = createLogger({
    name: 'lake-sink-test',
    level: (process.env.IT_LOG as 'info') ?? 'warn',
  });
  const { catalog, io } = options.scratch;
  const writer = await openScoredPaymentsTable({
    catalog,
    io,
    logger,
    identifier: options.identifier,
    codec: 'GZIP',
  });
  const registry = new Registry();
  const sink = createLakeSink({
    kafka: options.kafka,
    writer,
    encoder: (options.wrapEncoder ?? ((e) => e))(
      createWorkerEncoder({
        workers: 2,
        registryUrl: SCHEMA_REGISTRY_URL,
        fileOptions: { codec: 'GZIP' },
        logger,
      }),
    ),
    logger,
    metrics: createSinkMetrics(registry),
    topic: options.topic,
    groupId: options.groupId,
    deadLetterTopic: options.deadLetterTopic,
    commitRows: options.commitRows ?? 300,
    commitIntervalMs: options.commitIntervalMs ?? 1000,
    maxBytesPerPartition: 256 * 1024,
    chunksPerCommit: 2,
  });
  await sink.start();
  return { sink, writer, metrics: registry };
}

/** Offsets the table's current snapshot records for a topic, by partition. */
export async function tableOffsets(
  writer: TableWriter<ScoredPaymentRow>,
  topic: string,
): Promise<Map<number, number>> {
  await writer.refresh();
  return readSnapshotOffsets(writer.currentSummary(), topic);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, failing with `what` after the timeout. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
