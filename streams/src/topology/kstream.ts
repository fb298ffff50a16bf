import { StreamsError } from '../errors/index.js';
import { globalJoinProcessor } from '../processors/global-join.js';
import { sinkProcessor } from '../processors/sink.js';
import { filterProcessor, mapProcessor, peekProcessor } from '../processors/stateless.js';
import { batchMapProcessor } from '../processors/batch-map.js';
import {
  transformValuesProcessor,
  type StatefulTransform,
} from '../processors/transform-values.js';
import type { Serde } from '../serdes/index.js';
import { addNode, type StreamPosition } from './builder-state.js';
import type { GlobalTable } from './global-table.js';
import { KGroupedStream } from './grouped-stream.js';
import type { AnyRecord } from './graph.js';

export interface JoinOptions<K, V, TK, TV, VR> {
  /** Picks the table key from the stream record, e.g. the merchant id of a payment. */
  key: (key: K, value: V) => TK;
  joiner: (value: V, row: TV, key: K) => VR;
}

export interface LeftJoinOptions<K, V, TK, TV, VR> {
  key: (key: K, value: V) => TK;
  joiner: (value: V, row: TV | undefined, key: K) => VR;
}

export interface TransformValuesOptions<K, V, S, V2> {
  /** Names the store and its changelog topic `<app>-<storeName>-changelog`. */
  storeName: string;
  keySerde: Serde<K>;
  stateSerde: Serde<S>;
  transform: StatefulTransform<K, V, S, V2>;
}

export interface SinkOptions<K, V> {
  keySerde: Serde<K>;
  valueSerde: Serde<V>;
}

/** A record stream, in Kafka Streams' vocabulary. Each operator returns a new stream. */
export class KStream<K, V> {
  constructor(private readonly position: StreamPosition) {}

  /** Keeps the records the predicate accepts; a type guard narrows the value type. */
  filter<V2 extends V>(predicate: (key: K, value: V) => value is V2): KStream<K, V2>;
  filter(predicate: (key: K, value: V) => boolean): KStream<K, V>;
  filter(predicate: (key: K, value: V) => boolean): KStream<K, V> {
    return this.next(
      'FILTER',
      filterProcessor((r) => predicate(r.key as K, r.value as V)),
    );
  }

  filterNot(predicate: (key: K, value: V) => boolean): KStream<K, V> {
    return this.filter((key, value) => !predicate(key, value));
  }

  mapValues<V2>(mapper: (value: V, key: K) => V2): KStream<K, V2> {
    return this.next(
      'MAPVALUES',
      mapProcessor((r) => ({ ...r, value: mapper(r.value as V, r.key as K) })),
    );
  }

  /**
   * Maps values with an asynchronous function called once per batch of records at the end of
   * each cycle (e.g. model inference); results keep their records' keys, times and order.
   */
  mapValuesBatched<V2>(
    mapper: (values: readonly V[], keys: readonly K[]) => Promise<readonly V2[]>,
    { maxBatch = 256 }: { maxBatch?: number } = {},
  ): KStream<K, V2> {
    return this.next(
      'BATCHMAP',
      batchMapProcessor(
        (records) =>
          mapper(
            records.map((r) => r.value as V),
            records.map((r) => r.key as K),
          ),
        maxBatch,
      ),
    );
  }

  /**
   * Maps each value with the key's state from a changelogged key-value store, and replaces
   * that state (Kafka Streams' transformValues with a store). Needs the stream partitioned by
   * its key, as grouping does.
   */
  transformValues<S, V2>({
    storeName,
    keySerde,
    stateSerde,
    transform,
  }: TransformValuesOptions<K, V, S, V2>): KStream<K, V2> {
    this.groupByKey(); // the same partitioning check
    this.position.state.addStore({
      name: storeName,
      kind: 'key-value',
      sourceTopic: this.position.sourceTopic,
      retentionMs: undefined,
    });
    return this.next(
      'TRANSFORMVALUES',
      transformValuesProcessor(storeName, keySerde, stateSerde, transform),
    );
  }

  /** Changes the key: the stream is then no longer partitioned by it (see groupByKey). */
  map<K2, V2>(mapper: (key: K, value: V) => readonly [K2, V2]): KStream<K2, V2> {
    const create = mapProcessor((r) => {
      const [key, value] = mapper(r.key as K, r.value as V);
      return { ...r, key, value };
    });
    return new KStream(addNode(this.position, 'MAP', create, true));
  }

  peek(action: (key: K, value: V) => void): KStream<K, V> {
    return this.next(
      'PEEK',
      peekProcessor((r) => action(r.key as K, r.value as V)),
    );
  }

  /** Inner join with a global table: records without a matching row are dropped. */
  join<TK, TV, VR>(
    table: GlobalTable<TK, TV>,
    { key, joiner }: JoinOptions<K, V, TK, TV, VR>,
  ): KStream<K, VR> {
    return this.joinWith(table, key, (v, row, k) => joiner(v, row as TV, k), true);
  }

  /** Left join with a global table: the joiner gets `undefined` when no row matches. */
  leftJoin<TK, TV, VR>(
    table: GlobalTable<TK, TV>,
    { key, joiner }: LeftJoinOptions<K, V, TK, TV, VR>,
  ): KStream<K, VR> {
    return this.joinWith(table, key, joiner, false);
  }

  /**
   * Groups by the current key for aggregation. The runtime does not repartition: a stream whose
   * key was changed by `map` cannot be grouped, because its records would sit on the wrong
   * partitions. Key the source topic by the aggregation key instead (for Debezium,
   * `message.key.columns`).
   */
  groupByKey(): KGroupedStream<K, V> {
    if (this.position.keyChanged)
      throw new StreamsError(
        'STREAMS_TOPOLOGY_INVALID',
        `groupByKey after a key change on ${this.position.sourceTopic}: repartitioning is not supported`,
      );
    return new KGroupedStream(this.position);
  }

  to(topic: string, { keySerde, valueSerde }: SinkOptions<K, V>): void {
    this.position.state.outputTopics.add(topic);
    addNode(
      this.position,
      'SINK',
      sinkProcessor(topic, keySerde as Serde<unknown>, valueSerde as Serde<unknown>),
    );
  }

  private joinWith<TK, TV, VR>(
    table: GlobalTable<TK, TV>,
    key: (key: K, value: V) => TK,
    joiner: (value: V, row: TV | undefined, key: K) => VR,
    inner: boolean,
  ): KStream<K, VR> {
    const create = globalJoinProcessor(
      table.storeName,
      table.keySerde,
      table.valueSerde,
      (r: AnyRecord) => key(r.key as K, r.value as V),
      (r: AnyRecord, row: TV | undefined) => joiner(r.value as V, row, r.key as K),
      inner,
    );
    return new KStream(addNode(this.position, inner ? 'JOIN' : 'LEFTJOIN', create));
  }

  private next<K2, V2>(kind: string, create: Parameters<typeof addNode>[2]): KStream<K2, V2> {
    return new KStream(addNode(this.position, kind, create));
  }
}
