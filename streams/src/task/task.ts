import { StreamsError } from '../errors/index.js';
import type { OutgoingRecord, RawRecord } from '../records/index.js';
import type { StateStore } from '../stores/index.js';
import { expireWindowsBefore } from '../stores/index.js';
import type {
  AnyRecord,
  DeadLetterReason,
  NodeContext,
  Process,
  ProcessorContext,
  PendingBatch,
  ProcessorNode,
  SourceNode,
  Topology,
} from '../topology/index.js';
import { deadLetterRecord } from './dead-letter-record.js';
import { taskIdOf } from './task-stores.js';

export interface TaskOptions {
  applicationId: string;
  topology: Topology;
  topic: string;
  partition: number;
  stores: ReadonlyMap<string, StateStore>;
  globalStores: ReadonlyMap<string, StateStore>;
  /** Stream time as of the last commit (kept in the offset metadata by the runtime). */
  streamTime?: number;
}

/**
 * Processes one input partition: decodes records, runs them through the processor graph and
 * gathers everything the cycle produces (outputs, dead letters, changelog writes). The caller
 * commits that as one unit and then calls `committed()`, or `aborted()` to roll the task back
 * to the last commit. Knows nothing of Kafka clients, so the test driver runs the same code.
 */
export class Task {
  readonly id: string;
  readonly topic: string;
  readonly partition: number;
  readonly stores: ReadonlyMap<string, StateStore>;
  private readonly source: SourceNode;
  private readonly root: Process;
  private outbox: OutgoingRecord[] = [];
  private deferred = new Map<string, { forward: Process; record: AnyRecord }>();
  private readonly batches: PendingBatch[] = [];
  private current: RawRecord | undefined;
  private time: number;
  private committedTime: number;
  private pendingDeadLetters = new Map<DeadLetterReason, number>();
  /** Dead letters per reason, counting committed cycles only. */
  readonly deadLetters = new Map<DeadLetterReason, number>();

  constructor(private readonly options: TaskOptions) {
    const { topology, topic, partition, stores } = options;
    const source = topology.sources.find((s) => s.topic === topic);
    if (!source)
      throw new StreamsError('STREAMS_TOPOLOGY_INVALID', `no source reads topic ${topic}`);
    this.id = taskIdOf(topic, partition);
    this.topic = topic;
    this.partition = partition;
    this.stores = stores;
    this.source = source;
    this.time = options.streamTime ?? -1;
    this.committedTime = this.time;
    const context = this.processorContext();
    const defer = (id: string, forward: Process, record: AnyRecord) =>
      this.deferred.set(id, { forward, record });
    const addBatch = (batch: PendingBatch) => this.batches.unshift(batch);
    this.root = fanOut(source.children.map((node) => instantiate(node, context, defer, addBatch)));
    this.expireWindows();
  }

  streamTime(): number {
    return this.time;
  }

  process(raw: RawRecord): void {
    this.current = raw;
    let record: AnyRecord;
    try {
      record = {
        key: this.source.keySerde.deserialize(raw.key),
        value: this.source.valueSerde.deserialize(raw.value),
        timestamp: raw.timestamp,
        headers: raw.headers,
      };
    } catch (error) {
      this.deadLetter('deserialization', error instanceof Error ? error.message : String(error));
      return;
    }
    const timestamp = this.source.timestamp ? this.source.timestamp(record) : raw.timestamp;
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      this.deadLetter('invalid-timestamp', `event time ${timestamp} is not a valid epoch ms`);
      return;
    }
    if (timestamp > this.time) this.time = timestamp;
    this.root(timestamp === record.timestamp ? record : { ...record, timestamp });
  }

  /**
   * Ends the cycle: forwards what waited for it (on-commit emits, batched async work), expires
   * old windows, then returns everything to commit in one transaction, changelog writes last.
   */
  async prepareCommit(): Promise<OutgoingRecord[]> {
    // A flushed batch may feed a later one or an on-commit emit, so repeat until all settled.
    // Batches are registered children first; `unshift` keeps upstream ones first here.
    for (;;) {
      const deferred = this.deferred;
      this.deferred = new Map();
      for (const { forward, record } of deferred.values()) forward(record);
      const batch = this.batches.find((b) => b.pending());
      if (batch) await batch.flush();
      else if (this.deferred.size === 0) break;
    }
    this.expireWindows();
    const out = this.outbox;
    for (const store of this.stores.values())
      for (const [key, value] of store.pendingWrites())
        out.push({
          topic: store.changelogTopic,
          partition: this.partition,
          key,
          value,
          timestamp: Math.max(this.time, 0),
        });
    return out;
  }

  /** Drops windows past retention; restored stores may hold some the changelog still had. */
  private expireWindows(): void {
    if (this.time < 0) return;
    for (const spec of this.options.topology.stores) {
      const store = this.stores.get(spec.name);
      if (spec.retentionMs !== undefined && store)
        expireWindowsBefore(store, this.time - spec.retentionMs);
    }
  }

  /**
   * The cycle's transaction committed: local stores catch up with their changelogs. Returns
   * the cycle's dead letters per reason.
   */
  async committed(): Promise<Map<DeadLetterReason, number>> {
    await Promise.all([...this.stores.values()].map((s) => s.flush()));
    this.outbox = [];
    this.committedTime = this.time;
    const cycle = this.pendingDeadLetters;
    for (const [reason, n] of cycle)
      this.deadLetters.set(reason, (this.deadLetters.get(reason) ?? 0) + n);
    this.pendingDeadLetters = new Map();
    return cycle;
  }

  /** The cycle's transaction was aborted: forget everything since the last commit. */
  aborted(): void {
    for (const store of this.stores.values()) store.discard();
    for (const batch of this.batches) batch.discard();
    this.deferred.clear();
    this.outbox = [];
    this.time = this.committedTime;
    this.pendingDeadLetters.clear();
  }

  async close(): Promise<void> {
    this.aborted();
    await Promise.all([...this.stores.values()].map((s) => s.backend.close()));
  }

  private deadLetter(reason: DeadLetterReason, detail: string): void {
    const source = this.current;
    if (!source) return;
    const { topology, applicationId } = this.options;
    this.outbox.push(
      deadLetterRecord(topology.deadLetterTopic, applicationId, source, reason, detail),
    );
    this.pendingDeadLetters.set(reason, (this.pendingDeadLetters.get(reason) ?? 0) + 1);
  }

  private processorContext(): ProcessorContext {
    const lookup = (stores: ReadonlyMap<string, StateStore>, name: string) => {
      const store = stores.get(name);
      if (!store)
        throw new StreamsError('STREAMS_STORE_MISSING', `task ${this.id} has no store ${name}`);
      return store;
    };
    return {
      taskId: this.id,
      partition: this.partition,
      streamTime: () => this.time,
      store: (name) => lookup(this.stores, name),
      globalStore: (name) => lookup(this.options.globalStores, name),
      emit: (record) => this.outbox.push(record),
      deadLetter: (reason, detail) => this.deadLetter(reason, detail),
    };
  }
}

type Defer = (id: string, forward: Process, record: AnyRecord) => void;

function instantiate(
  node: ProcessorNode,
  context: ProcessorContext,
  defer: Defer,
  addBatch: (batch: PendingBatch) => void,
): Process {
  const forward = fanOut(
    node.children.map((child) => instantiate(child, context, defer, addBatch)),
  );
  const nodeContext: NodeContext = {
    ...context,
    forward,
    forwardOnCommit: (id, record) => defer(`${node.name}\u0000${id}`, forward, record),
    addBatch,
  };
  return node.create(nodeContext);
}

function fanOut(children: Process[]): Process {
  const [only] = children;
  if (only && children.length === 1) return only;
  return (record) => {
    for (const child of children) child(record);
  };
}
