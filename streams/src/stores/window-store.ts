import { readInt64BE, writeInt64BE } from '../serdes/int64.js';
import type { Serde } from '../serdes/index.js';
import type { Windowed } from '../windows/index.js';
import { lastKeySerializer } from './key-bytes.js';
import type { StateStore } from './state-store.js';

/**
 * A typed store of one value per (key, window). Store keys are `<window start int64 BE><key>`:
 * byte order is time order, so expiring old windows is one range scan from the beginning
 * that touches only expired entries.
 */
export class WindowStore<K, V> {
  /** Serializes keys, remembering the last one. */
  readonly keyBytes: (key: K) => Buffer;
  // The store key of the last (key, window) too: an aggregation reads then writes it.
  private last: { keyBytes: Buffer; start: number; storeKey: Buffer } = {
    keyBytes: Buffer.alloc(0),
    start: NaN,
    storeKey: Buffer.alloc(0),
  };

  constructor(
    readonly store: StateStore,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    /** Window size, to give fetched entries their end. */
    private readonly sizeMs: number,
  ) {
    this.keyBytes = lastKeySerializer(keySerde);
  }

  get name(): string {
    return this.store.name;
  }

  get(key: K, windowStart: number): V | undefined {
    const bytes = this.store.get(this.storeKey(key, windowStart));
    return bytes === undefined ? undefined : this.valueSerde.deserialize(bytes);
  }

  put(key: K, windowStart: number, value: V): void {
    this.store.put(this.storeKey(key, windowStart), this.valueSerde.serialize(value));
  }

  /** Deletes every window that starts before `start` (locally: see `StateStore.expire`). */
  expireBefore(start: number): number {
    return expireWindowsBefore(this.store, start);
  }

  /** All live windows in time order; for tests and interactive queries. */
  *all(): Generator<[Windowed<K>, V]> {
    for (const [k, v] of this.store.range({})) {
      const start = readInt64BE(k);
      yield [
        {
          key: this.keySerde.deserialize(k.subarray(8)),
          window: { start, end: start + this.sizeMs },
        },
        this.valueSerde.deserialize(v),
      ];
    }
  }

  private storeKey(key: K, windowStart: number): Buffer {
    const keyBytes = this.keyBytes(key);
    const last = this.last;
    if (last.keyBytes === keyBytes && last.start === windowStart) return last.storeKey;
    const storeKey = Buffer.allocUnsafe(8 + keyBytes.length);
    writeInt64BE(storeKey, windowStart);
    keyBytes.copy(storeKey, 8);
    this.last = { keyBytes, start: windowStart, storeKey };
    return storeKey;
  }
}

function startPrefix(start: number): Buffer {
  const out = Buffer.allocUnsafe(8);
  writeInt64BE(out, start);
  return out;
}

/**
 * Expiry needs no serdes: the time prefix of the store key is all it reads. Byte order is time
 * order, so the scan stops at the first live window.
 */
export function expireWindowsBefore(store: StateStore, start: number): number {
  // Window starts are never negative; a negative bound would sort after them as signed bytes.
  if (start <= 0) return 0;
  let expired = 0;
  for (const [k] of store.range({ end: startPrefix(start) })) {
    store.expire(k);
    expired++;
  }
  return expired;
}
