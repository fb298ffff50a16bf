import type { Serde } from '../serdes/index.js';

/**
 * A key serializer that remembers the last key: a read-modify-write (get, put, forward) of one
 * key serializes it once, and the same buffer lets the state store reuse its map key. Only
 * primitive keys are remembered; an object key could change between calls.
 */
export function lastKeySerializer<K>(serde: Serde<K>): (key: K) => Buffer {
  let lastKey: K | undefined;
  let lastBytes: Buffer | undefined;
  return (key) => {
    if (lastBytes !== undefined && key === lastKey) return lastBytes;
    const bytes = serde.serialize(key) ?? Buffer.alloc(0);
    if (typeof key !== 'object') [lastKey, lastBytes] = [key, bytes];
    return bytes;
  };
}
