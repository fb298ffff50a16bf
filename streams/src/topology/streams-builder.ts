import { StreamsError } from '../errors/index.js';
import type { RawRecord, StreamRecord } from '../records/index.js';
import type { Serde } from '../serdes/index.js';
import { BuilderState } from './builder-state.js';
import type { GlobalTable } from './global-table.js';
import type { AnyRecord, SourceNode, Topology } from './graph.js';
import { KStream } from './kstream.js';

export interface StreamsBuilderOptions {
  /** Where undecodable and late records go, original bytes and reason in headers. */
  deadLetterTopic: string;
}

export interface StreamOptions<K, V> {
  keySerde: Serde<K>;
  valueSerde: Serde<V>;
  /**
   * Event time of a record; the Kafka record timestamp by default. CDC topologies return the
   * database commit time (`source.ts_ms`) so a replay computes the same windows.
   */
  timestamp?: (record: StreamRecord<K, V>) => number;
}

export interface GlobalTableOptions<K, V> {
  storeName: string;
  keySerde: Serde<K>;
  valueSerde: Serde<V>;
  /**
   * The row a topic record stands for: `value: null` deletes the key, `undefined` skips the
   * record (e.g. one that cannot be read). See `debeziumRow` for CDC topics.
   */
  toRow: (record: RawRecord) => { key: K; value: V | null } | undefined;
}

/**
 * Describes a topology. Pure: `build()` returns a value and touches no broker, so tests run a
 * topology in the test driver and production runs the same value in the runtime.
 */
export class StreamsBuilder {
  private readonly state = new BuilderState();

  constructor(private readonly options: StreamsBuilderOptions) {}

  stream<K, V>(
    topic: string,
    { keySerde, valueSerde, timestamp }: StreamOptions<K, V>,
  ): KStream<K, V> {
    if (this.state.sources.some((s) => s.topic === topic))
      throw new StreamsError('STREAMS_TOPOLOGY_INVALID', `topic ${topic} is read twice`);
    const source: SourceNode = {
      topic,
      keySerde: keySerde as Serde<unknown>,
      valueSerde: valueSerde as Serde<unknown>,
      timestamp: timestamp && ((r: AnyRecord) => timestamp(r as StreamRecord<K, V>)),
      children: [],
    };
    this.state.sources.push(source);
    return new KStream({
      state: this.state,
      sourceTopic: topic,
      keyChanged: false,
      attach: (node) => source.children.push(node),
    });
  }

  globalTable<K, V>(topic: string, options: GlobalTableOptions<K, V>): GlobalTable<K, V> {
    const { storeName, keySerde, valueSerde, toRow } = options;
    this.state.addGlobalTable({
      topic,
      storeName,
      toStoreWrite: (record) => {
        const row = toRow(record);
        if (row === undefined) return undefined;
        const key = keySerde.serialize(row.key) ?? Buffer.alloc(0);
        return [key, row.value === null ? null : valueSerde.serialize(row.value)] as const;
      },
    });
    return { storeName, keySerde, valueSerde };
  }

  build(): Topology {
    if (this.state.sources.length === 0)
      throw new StreamsError('STREAMS_TOPOLOGY_INVALID', 'a topology needs at least one stream');
    return {
      sources: [...this.state.sources],
      stores: [...this.state.stores],
      globalTables: [...this.state.globalTables],
      deadLetterTopic: this.options.deadLetterTopic,
      outputTopics: [...this.state.outputTopics],
    };
  }
}
