import type { Headers, OutgoingRecord, RawRecord } from '../records/index.js';
import type { Serde } from '../serdes/index.js';
import {
  KeyValueStore,
  memoryBackend,
  StateStore,
  WindowStore,
  type StoreBackend,
} from '../stores/index.js';
import { openTaskStores, Task } from '../task/index.js';
import type { Topology } from '../topology/index.js';

export interface TestDriverOptions {
  applicationId?: string;
}

export interface TestRecord<K, V> {
  key: K;
  value: V;
  timestamp: number;
  headers: Headers;
}

/**
 * Runs a topology in memory, without a broker, through the same Task code the runtime uses.
 * Every `pipe` is one processing cycle that commits; topics (outputs, dead letters, changelogs)
 * are arrays. `crash()` throws local state away and restores it from the changelogs, as the
 * runtime does after an unclean stop.
 */
export class TopologyTestDriver {
  private readonly applicationId: string;
  private readonly topics = new Map<string, OutgoingRecord[]>();
  private readonly inputOffsets = new Map<string, number>();
  private readonly globalStores = new Map<string, StateStore>();
  private tasks = new Map<string, Task>();

  constructor(
    private readonly topology: Topology,
    options: TestDriverOptions = {},
  ) {
    this.applicationId = options.applicationId ?? 'test-app';
    for (const table of topology.globalTables)
      this.globalStores.set(
        table.storeName,
        new StateStore({
          name: table.storeName,
          changelogTopic: table.topic,
          backend: memoryBackend(),
        }),
      );
  }

  /** Pipes one record into a source topic and commits the cycle. */
  async pipe<K, V>(
    topic: string,
    serdes: { keySerde: Serde<K>; valueSerde: Serde<V> },
    record: { key: K; value: V; timestamp: number; headers?: Headers },
  ): Promise<void> {
    await this.pipeRaw(topic, {
      key: serdes.keySerde.serialize(record.key),
      value: serdes.valueSerde.serialize(record.value),
      timestamp: record.timestamp,
      headers: record.headers ?? {},
    });
  }

  /** Pipes several records into a source topic as one cycle: one commit for all of them. */
  async pipeBatch<K, V>(
    topic: string,
    serdes: { keySerde: Serde<K>; valueSerde: Serde<V> },
    records: ReadonlyArray<{ key: K; value: V; timestamp: number; headers?: Headers }>,
    partition = 0,
  ): Promise<void> {
    const task = this.task(topic, partition);
    for (const record of records)
      task.process({
        topic,
        partition,
        offset: String(this.nextOffset(topic, partition)),
        key: serdes.keySerde.serialize(record.key),
        value: serdes.valueSerde.serialize(record.value),
        timestamp: record.timestamp,
        headers: record.headers ?? {},
      });
    await this.commit(task);
  }

  /** Pipes bytes as they would arrive from Kafka, e.g. a record no serde can read. */
  async pipeRaw(
    topic: string,
    record: Omit<RawRecord, 'topic' | 'partition' | 'offset'>,
    partition = 0,
  ): Promise<void> {
    const task = this.task(topic, partition);
    const offset = this.nextOffset(topic, partition);
    task.process({ ...record, topic, partition, offset: String(offset) });
    await this.commit(task);
  }

  /** Commits a cycle; a failing cycle is rolled back, as the runtime aborts its transaction. */
  private async commit(task: Task): Promise<void> {
    let records;
    try {
      records = await task.prepareCommit();
    } catch (error) {
      task.aborted();
      throw error;
    }
    this.log(records);
    await task.committed();
  }

  /** Applies a record of a global table's topic (e.g. a Debezium change event). */
  async pipeTable(topic: string, record: Omit<RawRecord, 'topic' | 'partition' | 'offset'>) {
    for (const table of this.topology.globalTables) {
      if (table.topic !== topic) continue;
      const write = table.toStoreWrite({ ...record, topic, partition: 0, offset: '0' });
      const store = this.globalStores.get(table.storeName);
      if (write && store) await store.backend.apply([write]);
    }
  }

  /** Records written to a topic so far, decoded. */
  read<K, V>(
    topic: string,
    { keySerde, valueSerde }: { keySerde: Serde<K>; valueSerde: Serde<V> },
  ): TestRecord<K, V>[] {
    return this.readRaw(topic).map((r) => ({
      key: keySerde.deserialize(r.key),
      value: valueSerde.deserialize(r.value),
      timestamp: r.timestamp,
      headers: r.headers ?? {},
    }));
  }

  readRaw(topic: string): OutgoingRecord[] {
    return [...(this.topics.get(topic) ?? [])];
  }

  keyValueStore<K, V>(name: string, keySerde: Serde<K>, valueSerde: Serde<V>, partition = 0) {
    return new KeyValueStore(this.storeOf(name, partition), keySerde, valueSerde);
  }

  windowStore<K, V>(
    name: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    sizeMs: number,
    partition = 0,
  ) {
    return new WindowStore(this.storeOf(name, partition), keySerde, valueSerde, sizeMs);
  }

  deadLetterCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const task of this.tasks.values())
      for (const [reason, n] of task.deadLetters) counts.set(reason, (counts.get(reason) ?? 0) + n);
    return counts;
  }

  /**
   * Simulates kill -9 and restart: every task loses its local stores, and the new tasks
   * rebuild them by replaying the changelog topics (stream time comes back as the runtime
   * gets it back from the offset metadata).
   */
  async crash(): Promise<void> {
    const old = this.tasks;
    this.tasks = new Map();
    for (const task of old.values()) {
      const stores = this.openStores(task.topic, task.partition);
      for (const store of stores.values()) await this.replayChangelog(store, task.partition);
      this.tasks.set(task.id, this.newTask(task.topic, task.partition, stores, task.streamTime()));
    }
  }

  private async replayChangelog(store: StateStore, partition: number): Promise<void> {
    const writes = this.readRaw(store.changelogTopic)
      .filter((r) => r.partition === partition)
      .map((r) => [r.key ?? Buffer.alloc(0), r.value] as const);
    await store.backend.apply(writes);
  }

  private nextOffset(topic: string, partition: number): number {
    const offsetKey = `${topic}-${partition}`;
    const offset = this.inputOffsets.get(offsetKey) ?? 0;
    this.inputOffsets.set(offsetKey, offset + 1);
    return offset;
  }

  private storeOf(name: string, partition: number): StateStore {
    for (const task of this.tasks.values()) {
      const store = task.partition === partition ? task.stores.get(name) : undefined;
      if (store) return store;
    }
    const global = this.globalStores.get(name);
    if (global) return global;
    throw new Error(`no store ${name} on partition ${partition}: pipe a record first`);
  }

  private task(topic: string, partition: number): Task {
    const id = `${topic}-${partition}`;
    let task = this.tasks.get(id);
    if (!task) {
      task = this.newTask(topic, partition, this.openStores(topic, partition));
      this.tasks.set(id, task);
    }
    return task;
  }

  private openStores(topic: string, partition: number): Map<string, StateStore> {
    const backends = (): StoreBackend => memoryBackend();
    return openTaskStores(this.topology, this.applicationId, topic, partition, backends);
  }

  private newTask(
    topic: string,
    partition: number,
    stores: Map<string, StateStore>,
    streamTime?: number,
  ): Task {
    return new Task({
      applicationId: this.applicationId,
      topology: this.topology,
      topic,
      partition,
      stores,
      globalStores: this.globalStores,
      ...(streamTime === undefined ? {} : { streamTime }),
    });
  }

  private log(records: readonly OutgoingRecord[]): void {
    for (const record of records) {
      let topic = this.topics.get(record.topic);
      if (!topic) this.topics.set(record.topic, (topic = []));
      topic.push(record);
    }
  }
}
