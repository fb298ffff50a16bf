import { join } from 'node:path';
import { open } from 'lmdb';
import type { StoreBackend, StoreBackendFactory, StoreWrite } from './store-backend.js';

/**
 * LMDB through the `lmdb` package: memory-mapped B-tree, synchronous reads from the map, writes
 * batched into one LMDB transaction. Binary keys keep window-store keys in time order.
 */
export function lmdbBackend(path: string): StoreBackend {
  const db = open<Buffer, Buffer>({
    path,
    keyEncoding: 'binary',
    encoding: 'binary',
    compression: false,
  });
  return {
    get: (key) => db.get(key),
    apply: async (writes: readonly StoreWrite[]) => {
      if (writes.length === 0) return;
      await db.batch(() => {
        for (const [key, value] of writes) {
          if (value === null) void db.remove(key);
          else void db.put(key, value);
        }
      });
    },
    *range({ start, end }) {
      const options = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
      for (const { key, value } of db.getRange(options)) yield [key, value] as const;
    },
    clear: async () => {
      await db.clearAsync();
    },
    close: async () => {
      await db.close();
    },
  };
}

/** One LMDB environment per task and store under `stateDir/<app>/<task>/<store>`. */
export function lmdbBackendFactory(stateDir: string): StoreBackendFactory {
  return ({ applicationId, taskId, storeName }) =>
    lmdbBackend(join(stateDir, applicationId, taskId, storeName));
}
