/**
 * `npm start -w @fraud/lake-sink`: consumes the scored payments into the Iceberg table and
 * serves /healthz, /readyz, /metrics and /status. On SIGTERM/SIGINT it stops consuming,
 * commits what it buffered and exits; a kill -9 loses nothing either (the next start resumes
 * from the offsets in the table's current snapshot). Configured by environment (config.ts).
 */
import pg from 'pg';
import { createKafka, createLogger, parseBrokers, shutdownOnSignals } from '@fraud/common';
import { buildApp } from './app.js';
import { createSqlCatalog } from './catalog/index.js';
import { loadLakeSinkConfig } from './config.js';
import { createLocalFileIO } from './io/index.js';
import { createEncoder } from './create-encoder.js';
import { createLakeSink, createSinkMetrics, openScoredPaymentsTable } from './sink/index.js';

const config = loadLakeSinkConfig();
const logger = createLogger({ name: 'lake-sink', level: config.LOG_LEVEL });

const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
const io = createLocalFileIO();
const catalog = createSqlCatalog({
  pool,
  io,
  logger,
  name: config.LAKE_CATALOG,
  warehouse: config.LAKE_WAREHOUSE,
});
const writer = await openScoredPaymentsTable({
  catalog,
  io,
  logger,
  identifier: { namespace: config.LAKE_NAMESPACE, name: config.LAKE_TABLE },
  codec: config.LAKE_PARQUET_CODEC,
  rowGroupSize: config.LAKE_ROW_GROUP_ROWS,
  maxRowsPerFile: config.LAKE_MAX_ROWS_PER_FILE,
});

let stop: (reason: string, code?: number) => Promise<void> = async () => undefined;
const kafka = createKafka({
  brokers: parseBrokers(config.KAFKA_BROKERS),
  clientId: 'lake-sink',
  logger,
});
// The app comes first: the sink's metrics live on its registry. Its checks call the sink only
// once it listens, after the sink exists.
const app = await buildApp({
  logger,
  readiness: {
    catalog: async () => void (await pool.query('SELECT 1')),
    consumer: async () => {
      const status = sink.status();
      if (!status.running || !status.joined) throw new Error('not consuming');
    },
  },
  status: () => sink.status(),
});
const sink = createLakeSink({
  kafka,
  writer,
  encoder: createEncoder(config, io, logger),
  logger,
  metrics: createSinkMetrics(app.metrics),
  topic: config.LAKE_TOPIC,
  groupId: config.LAKE_GROUP_ID,
  deadLetterTopic: config.LAKE_DLQ_TOPIC,
  commitRows: config.LAKE_COMMIT_ROWS,
  commitIntervalMs: config.LAKE_COMMIT_INTERVAL_MS,
  maxBytesPerPartition: config.LAKE_FETCH_BYTES_PER_PARTITION,
  chunksPerCommit: Math.max(1, config.LAKE_ENCODE_WORKERS),
  sessionTimeoutMs: config.LAKE_SESSION_TIMEOUT_MS,
  onFatal: () => void stop('consumer stopped for good', 1),
});

// A commit that never ends must not keep the process forever; what it did not commit is
// consumed again on the next start.
stop = shutdownOnSignals({
  logger,
  timeoutMs: config.LAKE_SHUTDOWN_TIMEOUT_MS,
  close: async () => {
    await sink.stop();
    await app.close();
    await pool.end();
  },
});

await app.listen({ port: config.PORT, host: config.HOST });
await sink.start();
