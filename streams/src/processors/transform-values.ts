import type { Serde } from '../serdes/index.js';
import { KeyValueStore } from '../stores/index.js';
import type { NodeContext, Process } from '../topology/graph.js';

export interface StatefulTransform<K, V, S, V2> {
  /** The new value and the key's new state; `state: null` deletes it. */
  (value: V, state: S | undefined, key: K, timestamp: number): { value: V2; state: S | null };
}

/**
 * One state value per key in a changelogged key-value store, read and replaced for every
 * record (Kafka Streams' transformValues with a store): for features that need the key's
 * history, e.g. a card's recent payments.
 */
export const transformValuesProcessor =
  <K, V, S, V2>(
    storeName: string,
    keySerde: Serde<K>,
    stateSerde: Serde<S>,
    transform: StatefulTransform<K, V, S, V2>,
  ) =>
  (ctx: NodeContext): Process => {
    const store = new KeyValueStore(ctx.store(storeName), keySerde, stateSerde);
    return (record) => {
      const key = record.key as K;
      const { value, state } = transform(record.value as V, store.get(key), key, record.timestamp);
      if (state === null) store.delete(key);
      else store.put(key, state);
      ctx.forward({ ...record, value });
    };
  };
