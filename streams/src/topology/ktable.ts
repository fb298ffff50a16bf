import type { StreamPosition } from './builder-state.js';
import { KStream } from './kstream.js';

/** The changelog of an aggregate: every update of a key (or window) as a record. */
export class KTable<K, V> {
  constructor(private readonly position: StreamPosition) {}

  toStream(): KStream<K, V> {
    return new KStream(this.position);
  }
}
