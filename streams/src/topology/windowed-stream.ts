import { slidingAggregateProcessor } from '../processors/sliding-aggregate.js';
import { windowAggregateProcessor } from '../processors/window-aggregate.js';
import { int64Serde, type Serde } from '../serdes/index.js';
import type { SlidingWindows, TimeWindows, Windowed } from '../windows/index.js';
import { addNode, type StreamPosition } from './builder-state.js';
import type { AggregateOptions, CountOptions } from './grouped-stream.js';
import { KTable } from './ktable.js';

/** A grouped stream cut into tumbling or hopping windows. */
export class TimeWindowedKStream<K, V> {
  constructor(
    private readonly position: StreamPosition,
    private readonly windows: TimeWindows,
  ) {}

  aggregate<A>(options: AggregateOptions<K, V, A>): KTable<Windowed<K>, A> {
    const { storeName, keySerde, aggregateSerde } = options;
    this.position.state.addStore({
      name: storeName,
      kind: 'window',
      sourceTopic: this.position.sourceTopic,
      retentionMs: this.windows.retentionMs,
    });
    const create = windowAggregateProcessor(
      storeName,
      this.windows,
      keySerde,
      aggregateSerde,
      options,
      options.emit ?? 'every-update',
    );
    // Windowed keys are new keys, but still on the partition of the inner key.
    return new KTable(addNode(this.position, 'WINDOW-AGGREGATE', create, true));
  }

  count({ storeName, keySerde, emit }: CountOptions<K>): KTable<Windowed<K>, number> {
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

/** Sliding windows emit every update: each record has a window of its own anyway. */
export interface SlidingAggregateOptions<K, V, A> extends Omit<AggregateOptions<K, V, A>, 'emit'> {
  /** Sliding windows buffer the input records themselves, so they need its serde. */
  valueSerde: Serde<V>;
}

/** A grouped stream with a sliding window per record. */
export class SlidingWindowedKStream<K, V> {
  constructor(
    private readonly position: StreamPosition,
    private readonly windows: SlidingWindows,
  ) {}

  aggregate<A>(options: SlidingAggregateOptions<K, V, A>): KTable<Windowed<K>, A> {
    const { storeName, keySerde, valueSerde } = options;
    this.position.state.addStore({
      name: storeName,
      kind: 'key-value',
      sourceTopic: this.position.sourceTopic,
      retentionMs: undefined,
    });
    const create = slidingAggregateProcessor(
      storeName,
      this.windows,
      keySerde,
      valueSerde,
      options,
    );
    return new KTable(addNode(this.position, 'SLIDING-AGGREGATE', create, true));
  }

  count({
    storeName,
    keySerde,
    valueSerde,
  }: Omit<CountOptions<K>, 'emit'> & { valueSerde: Serde<V> }): KTable<Windowed<K>, number> {
    return this.aggregate({
      storeName,
      keySerde,
      valueSerde,
      aggregateSerde: int64Serde,
      initializer: () => 0,
      aggregator: (_key, _value, n) => n + 1,
    });
  }
}
