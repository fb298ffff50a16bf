import type { StoreBackend, StoreWrite } from './store-backend.js';

/**
 * A backend in a Map, for the test driver and for small global tables. Keys are held as latin1
 * strings: one char per byte, so string order is byte order.
 */
export function memoryBackend(): StoreBackend {
  const entries = new Map<string, Buffer>();
  return {
    get: (key) => entries.get(key.toString('latin1')),
    apply: async (writes: readonly StoreWrite[]) => {
      for (const [key, value] of writes) {
        if (value === null) entries.delete(key.toString('latin1'));
        else entries.set(key.toString('latin1'), value);
      }
    },
    *range({ start, end }) {
      const from = start?.toString('latin1');
      const to = end?.toString('latin1');
      const keys = [...entries.keys()].filter(
        (k) => (from === undefined || k >= from) && (to === undefined || k < to),
      );
      keys.sort();
      for (const k of keys) {
        const value = entries.get(k);
        if (value !== undefined) yield [Buffer.from(k, 'latin1'), value] as const;
      }
    },
    clear: async () => entries.clear(),
    close: async () => undefined,
  };
}

export const memoryBackendFactory = () => memoryBackend();
