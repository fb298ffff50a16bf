/** One write to a store: a null value deletes the key (and is a tombstone in the changelog). */
export type StoreWrite = readonly [key: Buffer, value: Buffer | null];

/**
 * The bytes-only persistence under a state store. Reads are synchronous so processors stay
 * synchronous and fast; writes arrive in batches (after a Kafka commit, or during restore).
 */
export interface StoreBackend {
  get(key: Buffer): Buffer | undefined;
  /** Applies all writes atomically. */
  apply(writes: readonly StoreWrite[]): Promise<void>;
  /** Entries in key byte order, `start` included and `end` excluded. */
  range(bounds: { start?: Buffer; end?: Buffer }): Iterable<readonly [Buffer, Buffer]>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the backend of one store of one task. */
export type StoreBackendFactory = (location: {
  applicationId: string;
  taskId: string;
  storeName: string;
}) => StoreBackend;
