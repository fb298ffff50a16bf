import type { Serde } from '../serdes/index.js';

/** A handle on a global table for joins; the table itself lives in every instance. */
export interface GlobalTable<K, V> {
  readonly storeName: string;
  readonly keySerde: Serde<K>;
  readonly valueSerde: Serde<V>;
}
