import type { Serde } from '../serdes/index.js';
import type { NodeContext, Process } from '../topology/graph.js';
import type { SlidingWindows, Windowed } from '../windows/index.js';
import type { AggregateFunctions } from './aggregate.js';
import { decodeBuffer, encodeBuffer, insertSorted, type BufferedRecord } from './sliding-buffer.js';

/**
 * Sliding-window aggregation. The store keeps, per key, the records that an open window may
 * still need; a window's aggregate is folded from them when it changes. Per-card feature
 * windows hold few records, so folding is cheaper than Kafka Streams' window-combining scheme
 * and needs no subtractor. Emits the window ending at the record, then every later window the
 * (out-of-order) record also falls into.
 */
export const slidingAggregateProcessor =
  <K, V, A>(
    storeName: string,
    windows: SlidingWindows,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    { initializer, aggregator }: AggregateFunctions<K, V, A>,
  ) =>
  (ctx: NodeContext): Process => {
    const { timeDifferenceMs: diff, graceMs } = windows;
    const store = ctx.store(storeName);
    return (record) => {
      const key = record.key as K;
      const t = record.timestamp;
      const closeTime = ctx.streamTime() - graceMs;
      if (t < closeTime) {
        ctx.deadLetter(
          'late-record',
          `event time ${t} is past grace: stream time ${ctx.streamTime()}, grace ${graceMs} ms`,
        );
        return;
      }
      const storeKey = keySerde.serialize(key) ?? Buffer.alloc(0);
      // No open window (ending at or after closeTime) reaches back before closeTime - diff.
      const buffered = decodeBuffer(store.get(storeKey)).filter(
        (r) => r.timestamp >= closeTime - diff,
      );
      insertSorted(buffered, {
        timestamp: t,
        value: valueSerde.serialize(record.value as V) ?? Buffer.alloc(0),
      });
      store.put(storeKey, encodeBuffer(buffered));

      const ends = [
        t,
        ...new Set(buffered.map((r) => r.timestamp).filter((x) => x > t && x <= t + diff)),
      ];
      for (const end of ends) {
        const aggregate = fold(buffered, end - diff, end, key, valueSerde, initializer, aggregator);
        const windowed: Windowed<K> = { key, window: { start: end - diff, end: end + 1 } };
        ctx.forward({ key: windowed, value: aggregate, timestamp: end, headers: {} });
      }
    };
  };

function fold<K, V, A>(
  records: readonly BufferedRecord[],
  from: number,
  to: number,
  key: K,
  valueSerde: Serde<V>,
  initializer: () => A,
  aggregator: (key: K, value: V, aggregate: A) => A,
): A {
  let aggregate = initializer();
  for (const r of records)
    if (r.timestamp >= from && r.timestamp <= to)
      aggregate = aggregator(key, valueSerde.deserialize(r.value), aggregate);
  return aggregate;
}
