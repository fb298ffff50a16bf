import {
  int64Serde,
  StreamsBuilder,
  stringSerde,
  tumblingWindows,
  windowedSerde,
  type Topology,
} from '../../src/index.js';

export const WINDOW_MS = 10_000;
export const outputSerdes = { keySerde: windowedSerde(stringSerde), valueSerde: int64Serde };

/** The workload of the fault test: a windowed count per key, grace wide enough for all input. */
export function countTopology(input: string, output: string, deadLetterTopic: string): Topology {
  const builder = new StreamsBuilder({ deadLetterTopic });
  builder
    .stream(input, { keySerde: stringSerde, valueSerde: stringSerde })
    .groupByKey()
    .windowedBy(tumblingWindows({ sizeMs: WINDOW_MS, graceMs: 3_600_000 }))
    .count({ storeName: 'counts', keySerde: stringSerde })
    .toStream()
    .to(output, outputSerdes);
  return builder.build();
}

/** What the topology must have computed: the final count per key and window. */
export function referenceCounts(records: ReadonlyArray<{ key: string; timestamp: number }>) {
  const counts = new Map<string, number>();
  for (const r of records) {
    const id = `${r.key}@${r.timestamp - (r.timestamp % WINDOW_MS)}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The final count per key and window in an output topic, read in partition order. */
export function finalCounts(records: ReadonlyArray<{ key: Buffer | null; value: Buffer | null }>) {
  const counts = new Map<string, number>();
  for (const r of records) {
    const key = outputSerdes.keySerde.deserialize(r.key);
    counts.set(`${key.key}@${key.window.start}`, outputSerdes.valueSerde.deserialize(r.value));
  }
  return counts;
}
