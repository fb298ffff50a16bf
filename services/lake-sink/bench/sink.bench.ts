/**
 * `npm run bench -- sink [--json]`: rows/s the lake sink appends end to end (consume with
 * read_committed → decode Avro → Parquet → Iceberg commit) and the bytes per row on disk.
 *
 * Pre-produces BENCH_RECORDS (default 200k) scored payments (Avro through the registry, in
 * transactions of 10k, as the topology writes them) to a fresh topic of BENCH_PARTITIONS
 * (default 4), then starts the sink in this process on a scratch catalog and times from start
 * until every record is committed. The sink's settings come from the same variables as the
 * service (LAKE_COMMIT_ROWS, LAKE_PARQUET_CODEC, ...), with the service's defaults.
 * BENCH_TOPIC=<name> reuses a topic a previous run kept (BENCH_KEEP_TOPIC=1) instead of
 * producing, to repeat or profile the sink alone.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Registry } from 'prom-client';
import { createKafka, createLogger, parseBrokers } from '@fraud/common';
import { ensureStack } from '@fraud/stack';
import {
  createLakeSink,
  createLocalFileIO,
  createSinkMetrics,
  createSqlCatalog,
  openScoredPaymentsTable,
  readSnapshotOffsets,
  toFileUri,
} from '../src/index.js';
import { loadLakeSinkConfig } from '../src/config.js';
import { createEncoder } from '../src/create-encoder.js';
import { scoredMessage, scoredPayment, scoredSerde } from '../test/support/scored-payments.js';

const json = process.argv.includes('--json');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 4);
const TRANSACTION = 10_000;
const say = (line: string) => {
  if (!json) console.log(line);
};

await ensureStack();
const config = loadLakeSinkConfig();
const logger = createLogger({ name: 'bench-sink', level: 'warn' });
const kafka = createKafka({
  brokers: parseBrokers(config.KAFKA_BROKERS),
  clientId: 'bench-sink',
  logger,
});
const run = randomUUID().slice(0, 8);
const reused = process.env.BENCH_TOPIC;
const topic = reused ?? `bench-sink-${run}`;
const keepTopic = reused !== undefined || process.env.BENCH_KEEP_TOPIC === '1';
const dlqTopic = `bench-sink-dlq-${run}`;
const catalogName = `bench_sink_${run}`;
const warehouseDir = await mkdtemp(join(tmpdir(), `${catalogName}-`));
const admin = kafka.admin();
await admin.connect();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });

async function dirBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => (await stat(join(e.parentPath, e.name))).size),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

async function produce() {
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  const serde = await scoredSerde(topic);
  say(`producing ${RECORDS} scored payments to ${topic} (${PARTITIONS} partitions)…`);
  const producer = kafka.producer({
    transactionalId: `bench-sink-${run}`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  const producedAt = performance.now();
  for (let start = 0; start < RECORDS; start += TRANSACTION) {
    const count = Math.min(TRANSACTION, RECORDS - start);
    const transaction = await producer.transaction();
    // Sends of 1,000: a request must stay under the broker's message.max.bytes.
    for (let k = 0; k < count; k += 1000) {
      await transaction.send({
        topic,
        messages: Array.from({ length: Math.min(1000, count - k) }, (_, j) =>
          scoredMessage(serde, scoredPayment(run, start + k + j)),
        ),
      });
    }
    await transaction.commit();
  }
  await producer.disconnect();
  say(`produced in ${((performance.now() - producedAt) / 1000).toFixed(1)} s`);
}

try {
  if (reused === undefined) await produce();
  else say(`reusing ${topic}`);
  const endOffsets = new Map(
    (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
  );

  const io = createLocalFileIO();
  const catalog = createSqlCatalog({
    pool,
    io,
    logger,
    name: catalogName,
    warehouse: toFileUri(warehouseDir),
  });
  const writer = await openScoredPaymentsTable({
    catalog,
    io,
    logger,
    identifier: { namespace: 'bench', name: 'payments_scored' },
    codec: config.LAKE_PARQUET_CODEC,
    rowGroupSize: config.LAKE_ROW_GROUP_ROWS,
    maxRowsPerFile: config.LAKE_MAX_ROWS_PER_FILE,
  });
  // As in the service, the encoder's workers start with the process, before consuming.
  const encoder = createEncoder(config, io, logger);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const sink = createLakeSink({
    kafka,
    writer,
    encoder,
    logger,
    metrics: createSinkMetrics(new Registry()),
    topic,
    groupId: `bench-sink-${run}`,
    deadLetterTopic: dlqTopic,
    commitRows: config.LAKE_COMMIT_ROWS,
    commitIntervalMs: config.LAKE_COMMIT_INTERVAL_MS,
    maxBytesPerPartition: config.LAKE_FETCH_BYTES_PER_PARTITION,
    chunksPerCommit: Math.max(1, config.LAKE_ENCODE_WORKERS),
  });

  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await sink.start();
  const done = () => {
    const offsets = readSnapshotOffsets(writer.currentSummary(), topic);
    return [...endOffsets].every(([p, end]) => (offsets.get(p) ?? 0) >= end);
  };
  // Whatever is left below LAKE_COMMIT_ROWS is committed as soon as the topic is drained.
  while (!done()) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const status = sink.status();
    const drained = [...endOffsets].every(
      ([p, end]) => (status.partitions[p]?.position ?? 0) >= end,
    );
    if (drained && status.bufferedRecords > 0) await sink.flush();
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await sink.stop();

  const summary = writer.currentSummary() ?? {};
  const rows = Number(summary['total-records']);
  const dataBytes = Number(summary['total-files-size']);
  const tableBytes = await dirBytes(warehouseDir);
  const figures = {
    records: reused === undefined ? RECORDS : rows,
    partitions: PARTITIONS,
    rows,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    cpuSecondsPerMillionRows: Number((((cpu.user + cpu.system) / 1e6 / rows) * 1e6).toFixed(1)),
    dataFiles: Number(summary['total-data-files']),
    bytesPerRow: Number((dataBytes / rows).toFixed(1)),
    tableBytesPerRow: Number((tableBytes / rows).toFixed(1)),
    codec: config.LAKE_PARQUET_CODEC,
    commitRows: config.LAKE_COMMIT_ROWS,
    encodeWorkers: config.LAKE_ENCODE_WORKERS,
  };
  if (reused === undefined && rows !== RECORDS) {
    throw new Error(`table holds ${rows} rows, ${RECORDS} were produced`);
  }
  say(
    `sink: ${figures.rowsPerSecond} rows/s (${rows} rows in ${figures.seconds} s, ` +
      `${figures.cpuSecondsPerMillionRows} CPU s per 1M rows), ${figures.dataFiles} data files, ` +
      `${figures.bytesPerRow} bytes/row of Parquet (${figures.tableBytesPerRow} with metadata, ${figures.codec})`,
  );
  if (json) console.log(JSON.stringify(figures));
} finally {
  await admin
    .deleteTopics({ topics: keepTopic ? [dlqTopic] : [topic, dlqTopic] })
    .catch(() => undefined);
  if (keepTopic) say(`kept ${topic}`);
  await admin.disconnect();
  await pool
    .query('DELETE FROM iceberg_tables WHERE catalog_name = $1', [catalogName])
    .catch(() => undefined);
  await pool
    .query('DELETE FROM iceberg_namespace_properties WHERE catalog_name = $1', [catalogName])
    .catch(() => undefined);
  await pool.end();
  await rm(warehouseDir, { recursive: true, force: true });
}
