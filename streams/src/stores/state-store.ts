import type { StoreBackend, StoreWrite } from './store-backend.js';

/**
 * The part every state store shares: writes of the current cycle wait in memory until their
 * Kafka transaction (outputs + these changelog records + input offsets) commits; only then do
 * they reach the local backend. An aborted cycle is just `discard()`, so local state never runs
 * ahead of what the changelog holds.
 */
export class StateStore {
  readonly name: string;
  readonly changelogTopic: string;
  readonly backend: StoreBackend;
  private readonly pending = new Map<string, StoreWrite>();
  /** Keys whose pending delete stays local: expired windows, which the changelog drops itself. */
  private readonly unlogged = new Set<string>();

  constructor(options: { name: string; changelogTopic: string; backend: StoreBackend }) {
    this.name = options.name;
    this.changelogTopic = options.changelogTopic;
    this.backend = options.backend;
  }

  get(key: Buffer): Buffer | undefined {
    const write = this.pending.get(this.idOf(key));
    if (write) return write[1] ?? undefined;
    return this.backend.get(key);
  }

  put(key: Buffer, value: Buffer | null): void {
    const id = this.idOf(key);
    this.pending.set(id, [key, value]);
    this.unlogged.delete(id);
  }

  /**
   * Deletes locally without a changelog tombstone. For window expiry: window changelogs use
   * `compact,delete` with a time retention, so the broker drops old windows itself, and a
   * restore that brings one back is followed by the same expiry.
   */
  expire(key: Buffer): void {
    const id = key.toString('latin1');
    this.pending.set(id, [key, null]);
    this.unlogged.add(id);
  }

  // A read-modify-write passes the same key buffer to get and put: its map key is made once.
  private lastKey: Buffer | undefined;
  private lastId = '';
  private idOf(key: Buffer): string {
    if (key !== this.lastKey) [this.lastKey, this.lastId] = [key, key.toString('latin1')];
    return this.lastId;
  }

  /** Committed entries overlaid with this cycle's writes, in key order. */
  *range(bounds: { start?: Buffer; end?: Buffer }): Generator<readonly [Buffer, Buffer]> {
    const overlay = [...this.pending.values()]
      .filter(
        ([k]) =>
          (!bounds.start || Buffer.compare(k, bounds.start) >= 0) &&
          (!bounds.end || Buffer.compare(k, bounds.end) < 0),
      )
      .sort((a, b) => Buffer.compare(a[0], b[0]));
    let i = 0;
    for (const entry of this.backend.range(bounds)) {
      // Pending writes that sort before this committed entry come first; one on the same key
      // replaces it.
      for (let next = overlay[i]; next; next = overlay[i]) {
        const order = Buffer.compare(next[0], entry[0]);
        if (order > 0) break;
        i++;
        if (next[1] !== null) yield [next[0], next[1]];
        if (order === 0) break;
      }
      if (!overlay[i - 1]?.[0].equals(entry[0])) yield entry;
    }
    for (const [k, v] of overlay.slice(i)) if (v !== null) yield [k, v];
  }

  /** This cycle's logged writes, one per key (the last wins): the changelog records to send. */
  pendingWrites(): StoreWrite[] {
    if (this.unlogged.size === 0) return [...this.pending.values()];
    return [...this.pending].filter(([id]) => !this.unlogged.has(id)).map(([, write]) => write);
  }

  /** Called after the transaction committed. */
  async flush(): Promise<void> {
    const writes = [...this.pending.values()];
    this.discard();
    await this.backend.apply(writes);
  }

  discard(): void {
    this.pending.clear();
    this.unlogged.clear();
  }
}
