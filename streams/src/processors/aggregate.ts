import type { Serde } from '../serdes/index.js';
import { KeyValueStore } from '../stores/index.js';
import type { EmitMode, NodeContext, Process } from '../topology/graph.js';

export interface AggregateFunctions<K, V, A> {
  initializer: () => A;
  aggregator: (key: K, value: V, aggregate: A) => A;
}

/** A running aggregate per key in a key-value store; every update is forwarded. */
export const aggregateProcessor =
  <K, V, A>(
    storeName: string,
    keySerde: Serde<K>,
    aggregateSerde: Serde<A>,
    { initializer, aggregator }: AggregateFunctions<K, V, A>,
    emit: EmitMode,
  ) =>
  (ctx: NodeContext): Process => {
    const store = new KeyValueStore(ctx.store(storeName), keySerde, aggregateSerde);
    return (record) => {
      const key = record.key as K;
      const next = aggregator(key, record.value as V, store.get(key) ?? initializer());
      store.put(key, next);
      const out = { key, value: next, timestamp: record.timestamp, headers: {} };
      if (emit === 'every-update') ctx.forward(out);
      else
        ctx.forwardOnCommit((keySerde.serialize(key) ?? Buffer.alloc(0)).toString('latin1'), out);
    };
  };
