import { aggregateProcessor } from '../processors/aggregate.js';
import { int64Serde, type Serde } from '../serdes/index.js';
import type { SlidingWindows, TimeWindows } from '../windows/index.js';
import { addNode, type StreamPosition } from './builder-state.js';
import type { EmitMode } from './graph.js';
import { KTable } from './ktable.js';
import { SlidingWindowedKStream, TimeWindowedKStream } from './windowed-stream.js';

export interface AggregateOptions<K, V, A> {
  initializer: () => A;
  aggregator: (key: K, value: V, aggregate: A) => A;
  /** Names the store and its changelog topic `<app>-<storeName>-changelog`. */
  storeName: string;
  keySerde: Serde<K>;
  aggregateSerde: Serde<A>;
  /**
   * 'every-update' (default) forwards each new aggregate; 'on-commit' forwards the latest one
   * per window once per transaction (as Kafka Streams' cache does), cutting output and
   * changelog volume when keys repeat within a cycle.
   */
  emit?: EmitMode;
}

export interface CountOptions<K> {
  storeName: string;
  keySerde: Serde<K>;
  emit?: EmitMode;
}

export class KGroupedStream<K, V> {
  constructor(private readonly position: StreamPosition) {}

  windowedBy(windows: TimeWindows): TimeWindowedKStream<K, V>;
  windowedBy(windows: SlidingWindows): SlidingWindowedKStream<K, V>;
  windowedBy(
    windows: TimeWindows | SlidingWindows,
  ): TimeWindowedKStream<K, V> | SlidingWindowedKStream<K, V> {
    return windows.kind === 'time'
      ? new TimeWindowedKStream(this.position, windows)
      : new SlidingWindowedKStream(this.position, windows);
  }

  aggregate<A>(options: AggregateOptions<K, V, A>): KTable<K, A> {
    const { storeName, keySerde, aggregateSerde } = options;
    this.position.state.addStore({
      name: storeName,
      kind: 'key-value',
      sourceTopic: this.position.sourceTopic,
      retentionMs: undefined,
    });
    return new KTable(
      addNode(
        this.position,
        'AGGREGATE',
        aggregateProcessor(
          storeName,
          keySerde,
          aggregateSerde,
          options,
          options.emit ?? 'every-update',
        ),
      ),
    );
  }

  count({ storeName, keySerde, emit }: CountOptions<K>): KTable<K, number> {
    return this.aggregate({
      storeName,
      keySerde,
      ...(emit === undefined ? {} : { emit }),
      aggregateSerde: int64Serde,
      initializer: () => 0,
      aggregator: (_key, _value, n) => n + 1,
    });
  }
}
