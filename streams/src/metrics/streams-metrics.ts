import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What the runtime reports, named in Prometheus style. Rates (records/s) come from the
 * counters via `rate()`; end-to-end latency is measured from the record's event timestamp to
 * the commit that made its outputs visible to read_committed consumers.
 */
export function createStreamsMetrics(registry: Registry = new Registry()) {
  return {
    registry,
    recordsProcessed: new Counter({
      name: 'streams_records_processed_total',
      help: 'Input records processed and committed',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
    recordsSkipped: new Counter({
      name: 'streams_records_skipped_total',
      help: 'Input records fetched and not processed, by reason (already-committed: below the task position)',
      labelNames: ['topic', 'reason'] as const,
      registers: [registry],
    }),
    commitDuration: new Histogram({
      name: 'streams_commit_duration_seconds',
      help: 'Time to send outputs, changelogs and offsets and commit one transaction',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    transactionRecords: new Histogram({
      name: 'streams_transaction_records',
      help: 'Records written (outputs + changelog + dead letters) per transaction',
      buckets: [1, 10, 100, 1000, 5000, 10000, 50000],
      registers: [registry],
    }),
    restoredRecords: new Counter({
      name: 'streams_restored_records_total',
      help: 'Changelog records replayed into local stores',
      labelNames: ['store'] as const,
      registers: [registry],
    }),
    lag: new Gauge({
      name: 'streams_partition_lag',
      help: 'High watermark minus the last offset fetched, per input partition',
      labelNames: ['topic', 'partition'] as const,
      registers: [registry],
    }),
    endToEndLatency: new Histogram({
      name: 'streams_e2e_latency_seconds',
      help: 'From a record timestamp to the commit of its outputs',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'streams_dead_letters_total',
      help: 'Records sent to the dead-letter topic, by reason (late-record, deserialization, ...)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    failedCommits: new Counter({
      name: 'streams_failed_commits_total',
      help: 'Transactions aborted or failed; the task is rebuilt after each',
      registers: [registry],
    }),
  };
}

export type StreamsMetrics = ReturnType<typeof createStreamsMetrics>;
