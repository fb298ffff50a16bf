import type { OutgoingRecord, RawRecord, StreamRecord } from '../records/index.js';
import type { Serde } from '../serdes/index.js';
import type { StateStore } from '../stores/index.js';

/**
 * The processor graph the DSL builds. Types are erased to `unknown` here; the DSL classes are
 * the typed surface and the only code that creates nodes, so each cast lives next to the
 * generic signature that justifies it.
 */
export type AnyRecord = StreamRecord<unknown, unknown>;

/** What a processor sees of its task: time, stores, and the ways out of the topology. */
export interface ProcessorContext {
  readonly taskId: string;
  readonly partition: number;
  /** The largest event time this task has seen: windows close against it. */
  streamTime(): number;
  store(name: string): StateStore;
  globalStore(name: string): StateStore;
  /** Sends a serialised record to a topic inside the current transaction. */
  emit(record: OutgoingRecord): void;
  /** Sends the current input record, original bytes, to the dead-letter topic; counts it. */
  deadLetter(reason: DeadLetterReason, detail: string): void;
}

export type DeadLetterReason = 'deserialization' | 'invalid-timestamp' | 'late-record';

export interface NodeContext extends ProcessorContext {
  forward(record: AnyRecord): void;
  /**
   * Forwards at the end of the cycle, keeping only the last record per `id` (Kafka Streams'
   * record cache): far fewer output and changelog records when keys repeat within a cycle.
   */
  forwardOnCommit(id: string, record: AnyRecord): void;
  /** Registers a node that buffers records and forwards them asynchronously before commit. */
  addBatch(batch: PendingBatch): void;
}

/**
 * A buffer of records awaiting asynchronous work (e.g. model inference) that ends the cycle:
 * the task flushes every pending batch before it commits, and discards them on abort.
 */
export interface PendingBatch {
  pending(): boolean;
  flush(): Promise<void>;
  discard(): void;
}

/** When an aggregation forwards: every update, or the latest per key once per commit. */
export type EmitMode = 'every-update' | 'on-commit';

export type Process = (record: AnyRecord) => void;

export interface ProcessorNode {
  readonly name: string;
  readonly create: (context: NodeContext) => Process;
  readonly children: ProcessorNode[];
}

export interface SourceNode {
  readonly topic: string;
  readonly keySerde: Serde<unknown>;
  readonly valueSerde: Serde<unknown>;
  readonly timestamp: ((record: AnyRecord) => number) | undefined;
  readonly children: ProcessorNode[];
}

export type StoreKind = 'key-value' | 'window';

export interface StoreSpec {
  readonly name: string;
  readonly kind: StoreKind;
  /** The source topic whose partitions the store is sharded by. */
  readonly sourceTopic: string;
  /** Window stores: windows starting before streamTime - retention are deleted. */
  readonly retentionMs: number | undefined;
}

/** A table every instance holds in full, materialised from a (CDC) topic. */
export interface GlobalTableSpec {
  readonly topic: string;
  readonly storeName: string;
  /** Store key and value bytes for one topic record; null deletes; undefined skips it. */
  readonly toStoreWrite: (record: RawRecord) => readonly [Buffer, Buffer | null] | undefined;
}

export interface Topology {
  readonly sources: readonly SourceNode[];
  readonly stores: readonly StoreSpec[];
  readonly globalTables: readonly GlobalTableSpec[];
  readonly deadLetterTopic: string;
  readonly outputTopics: readonly string[];
}
