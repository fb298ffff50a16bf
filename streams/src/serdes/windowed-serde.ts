import { DeserializationError } from '../errors/index.js';
import type { Windowed } from '../windows/index.js';
import type { Serde } from './serde.js';
import { readInt64BE, writeInt64BE } from './int64.js';

/**
 * A windowed key as `<inner key bytes><start int64 BE><end int64 BE>`: the fixed-width suffix
 * keeps the inner key readable by other clients and keys stay unique per window.
 */
export function windowedSerde<K>(inner: Serde<K>): Serde<Windowed<K>> {
  return {
    serialize: ({ key, window }) => {
      const keyBytes = inner.serialize(key) ?? Buffer.alloc(0);
      const out = Buffer.allocUnsafe(keyBytes.length + 16);
      keyBytes.copy(out, 0);
      writeInt64BE(out, window.start, keyBytes.length);
      writeInt64BE(out, window.end, keyBytes.length + 8);
      return out;
    },
    deserialize: (bytes) => {
      if (bytes === null || bytes.length < 16)
        throw new DeserializationError('windowed key shorter than 16 bytes');
      const keyLength = bytes.length - 16;
      return {
        key: inner.deserialize(bytes.subarray(0, keyLength)),
        window: {
          start: readInt64BE(bytes, keyLength),
          end: readInt64BE(bytes, keyLength + 8),
        },
      };
    },
  };
}
