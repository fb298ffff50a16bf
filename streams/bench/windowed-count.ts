import {
  bytesSerde,
  int64Serde,
  StreamsBuilder,
  stringSerde,
  tumblingWindows,
  windowedSerde,
  type EmitMode,
  type StreamsMetrics,
  type Topology,
} from '../src/index.js';

/**
 * The windowed count the topology and batching benches measure: per key, one-minute tumbling
 * windows with a minute of grace, counted in a store named `counts` with its changelog.
 */
export function windowedCount(options: {
  input: string;
  output: string;
  deadLetterTopic: string;
  emit: EmitMode;
}): Topology {
  const builder = new StreamsBuilder({ deadLetterTopic: options.deadLetterTopic });
  builder
    .stream(options.input, { keySerde: stringSerde, valueSerde: bytesSerde })
    .groupByKey()
    .windowedBy(tumblingWindows({ sizeMs: 60_000, graceMs: 60_000 }))
    .count({ storeName: 'counts', keySerde: stringSerde, emit: options.emit })
    .toStream()
    .to(options.output, { keySerde: windowedSerde(stringSerde), valueSerde: int64Serde });
  return builder.build();
}

/** Input records the app has processed and committed. */
export const processedRecords = async (metrics: StreamsMetrics): Promise<number> =>
  (await metrics.recordsProcessed.get()).values.reduce((n, v) => n + v.value, 0);

/** Transactions committed so far, the seconds spent committing them and the records written. */
export async function commitStats(metrics: StreamsMetrics) {
  const sumAndCount = async (histogram: StreamsMetrics['commitDuration']) => {
    const values = (await histogram.get()).values;
    return {
      sum: values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0,
      count: values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0,
    };
  };
  const commits = await sumAndCount(metrics.commitDuration);
  const written = await sumAndCount(metrics.transactionRecords);
  return { transactions: commits.count, seconds: commits.sum, recordsWritten: written.sum };
}
