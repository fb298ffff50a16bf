import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DeadLetterReason } from './dead-letter.js';

/** Outcome of one commit attempt of the sink's buffer. */
export type CommitResult = 'committed' | 'fenced' | 'failed';

/** What the sink reports; `createSinkMetrics` backs it with Prometheus metrics. */
export interface SinkMetrics {
  rowsAppended(rows: number): void;
  commit(result: CommitResult, seconds: number): void;
  dataFiles(sizesInBytes: readonly number[]): void;
  deadLettered(reason: DeadLetterReason, count: number): void;
  lag(partition: number, records: number): void;
  forgetPartition(partition: number): void;
  buffered(rows: number): void;
}

/** Metrics of the sink, registered on the service's registry (served at /metrics). */
export function createSinkMetrics(registry: Registry): SinkMetrics {
  const registers = [registry];
  const rows = new Counter({
    name: 'lake_sink_rows_appended_total',
    help: 'Rows committed to the Iceberg table',
    registers,
  });
  const commits = new Counter({
    name: 'lake_sink_commits_total',
    help: 'Commits of the buffer, by result (fenced: another writer moved the offsets first)',
    labelNames: ['result'] as const,
    registers,
  });
  const commitSeconds = new Histogram({
    name: 'lake_sink_commit_duration_seconds',
    help: 'Time to write the data files and commit a snapshot',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers,
  });
  const fileBytes = new Histogram({
    name: 'lake_sink_data_file_bytes',
    help: 'Size of the Parquet data files written',
    buckets: [64e3, 256e3, 1e6, 4e6, 16e6, 64e6, 128e6, 256e6, 512e6],
    registers,
  });
  const deadLetters = new Counter({
    name: 'lake_sink_dead_letters_total',
    help: 'Records sent to the dead-letter topic, by reason',
    labelNames: ['reason'] as const,
    registers,
  });
  const lag = new Gauge({
    name: 'lake_sink_lag_records',
    help: 'Records of the source partition not yet consumed (high watermark minus position)',
    labelNames: ['partition'] as const,
    registers,
  });
  const buffered = new Gauge({
    name: 'lake_sink_buffered_rows',
    help: 'Rows consumed and waiting for the next commit',
    registers,
  });
  return {
    rowsAppended: (n) => rows.inc(n),
    commit(result, seconds) {
      commits.inc({ result });
      if (result === 'committed') commitSeconds.observe(seconds);
    },
    dataFiles: (sizes) => sizes.forEach((size) => fileBytes.observe(size)),
    deadLettered: (reason, count) => deadLetters.inc({ reason }, count),
    lag: (partition, records) => lag.set({ partition: String(partition) }, records),
    forgetPartition: (partition) => lag.remove({ partition: String(partition) }),
    buffered: (n) => buffered.set(n),
  };
}
