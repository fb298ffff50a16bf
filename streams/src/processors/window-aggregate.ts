import type { Serde } from '../serdes/index.js';
import { WindowStore } from '../stores/index.js';
import type { EmitMode, NodeContext, Process } from '../topology/graph.js';
import { windowsFor, type TimeWindows, type Windowed } from '../windows/index.js';
import type { AggregateFunctions } from './aggregate.js';

/**
 * Tumbling and hopping aggregation, emitting each window's new value on every update. A window
 * is closed once stream time passes its end plus grace; a record whose windows are all closed is
 * late: it goes to the dead-letter topic (and is counted), never dropped silently.
 */
export const windowAggregateProcessor =
  <K, V, A>(
    storeName: string,
    windows: TimeWindows,
    keySerde: Serde<K>,
    aggregateSerde: Serde<A>,
    { initializer, aggregator }: AggregateFunctions<K, V, A>,
    emit: EmitMode,
  ) =>
  (ctx: NodeContext): Process => {
    const store = new WindowStore(ctx.store(storeName), keySerde, aggregateSerde, windows.sizeMs);
    return (record) => {
      const key = record.key as K;
      const closeTime = ctx.streamTime() - windows.graceMs;
      let updated = 0;
      for (const window of windowsFor(windows, record.timestamp)) {
        if (window.end <= closeTime) continue;
        const next = aggregator(
          key,
          record.value as V,
          store.get(key, window.start) ?? initializer(),
        );
        store.put(key, window.start, next);
        const windowed: Windowed<K> = { key, window };
        const out = { key: windowed, value: next, timestamp: record.timestamp, headers: {} };
        if (emit === 'every-update') ctx.forward(out);
        else ctx.forwardOnCommit(`${window.start}:${store.keyBytes(key).toString('latin1')}`, out);
        updated++;
      }
      if (updated === 0)
        ctx.deadLetter(
          'late-record',
          `event time ${record.timestamp} is past grace: stream time ${ctx.streamTime()}, grace ${windows.graceMs} ms`,
        );
    };
  };
