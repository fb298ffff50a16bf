import type { Serde } from '../serdes/index.js';
import { lastKeySerializer } from './key-bytes.js';
import type { StateStore } from './state-store.js';

/** A typed view of a state store: one value per key. */
export class KeyValueStore<K, V> {
  private readonly keyBytes: (key: K) => Buffer;

  constructor(
    readonly store: StateStore,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
  ) {
    this.keyBytes = lastKeySerializer(keySerde);
  }

  get name(): string {
    return this.store.name;
  }

  get(key: K): V | undefined {
    const bytes = this.store.get(this.keyBytes(key));
    return bytes === undefined ? undefined : this.valueSerde.deserialize(bytes);
  }

  put(key: K, value: V): void {
    this.store.put(this.keyBytes(key), this.valueSerde.serialize(value));
  }

  delete(key: K): void {
    this.store.put(this.keyBytes(key), null);
  }

  *all(): Generator<[K, V]> {
    for (const [k, v] of this.store.range({}))
      yield [this.keySerde.deserialize(k), this.valueSerde.deserialize(v)];
  }
}
