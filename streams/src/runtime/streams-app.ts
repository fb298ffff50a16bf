import { join } from 'node:path';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from '@fraud/common';
import { StreamsError } from '../errors/index.js';
import { createStreamsMetrics, type StreamsMetrics } from '../metrics/index.js';
import {
  lmdbBackendFactory,
  memoryBackendFactory,
  takeCheckpoint,
  writeCheckpoint,
  type StateStore,
  type StoreBackendFactory,
} from '../stores/index.js';
import { openTaskStores, Task, taskIdOf } from '../task/index.js';
import type { Topology } from '../topology/index.js';
import { ActiveTask } from './active-task.js';
import { startGlobalTable } from './global-table-reader.js';
import { ensureInternalTopics } from './internal-topics.js';
import { decodeOffsetMetadata } from './offset-metadata.js';
import { createPartitionProducer } from './partition-producer.js';
import { restoreStore } from './restore-store.js';
import type { TopicReader } from './topic-reader.js';

export interface StreamsAppOptions {
  /** Consumer group id, transactional id prefix and changelog topic prefix. */
  applicationId: string;
  topology: Topology;
  kafka: Kafka;
  logger: Logger;
  /** Local state lives under `<stateDir>/<applicationId>/<topic>-<partition>/<store>`. */
  stateDir: string;
  /** 'lmdb' (default) keeps state across restarts; 'memory' always restores from changelogs. */
  storage?: 'lmdb' | 'memory';
  metrics?: StreamsMetrics;
  /** Input partitions processed in parallel, each with its own producer. */
  partitionsConsumedConcurrently?: number;
  /**
   * Upper bound of one fetched batch per partition, so of one transaction's input. Default
   * 1 MiB: a few thousand records per transaction, past the knee of `npm run bench --
   * batching` for small and for CDC-sized records (see the README).
   */
  maxBytesPerPartition?: number;
  transactionTimeoutMs?: number;
  sessionTimeoutMs?: number;
  /** Replication factor of the changelog and dead-letter topics this app creates. */
  replicationFactor?: number;
}

export interface StreamsApp {
  start(): Promise<void>;
  close(): Promise<void>;
  readonly metrics: StreamsMetrics;
}

export function createStreamsApp(options: StreamsAppOptions): StreamsApp {
  // It prefixes topic names and transactional ids: the same characters as topic names.
  if (!/^[A-Za-z0-9._-]+$/.test(options.applicationId))
    throw new StreamsError(
      'STREAMS_TOPOLOGY_INVALID',
      `application id "${options.applicationId}" may use only letters, digits, '.', '_' and '-'`,
    );
  return new StreamsRuntime(options);
}

/**
 * Runs a topology exactly-once on kafkajs. One consumer in group `applicationId`; per assigned
 * input partition one Task with its own transactional producer. A task is opened on the first
 * batch of its partition: producer first (fences the previous owner), then state restore, then
 * the committed offset is read and the consumer seeks there. A failed cycle closes the task
 * without a checkpoint; the next batch reopens it from the committed state.
 */
class StreamsRuntime implements StreamsApp {
  readonly metrics: StreamsMetrics;
  private readonly tasks = new Map<string, ActiveTask>();
  private readonly globalStores = new Map<string, StateStore>();
  private readonly globalReaders: TopicReader[] = [];
  private readonly backends: StoreBackendFactory;
  private readonly logger: Logger;
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;

  constructor(private readonly options: StreamsAppOptions) {
    this.metrics = options.metrics ?? createStreamsMetrics();
    this.logger = options.logger.child({ component: 'streams', app: options.applicationId });
    this.backends =
      options.storage === 'memory' ? memoryBackendFactory : lmdbBackendFactory(options.stateDir);
  }

  async start(): Promise<void> {
    const { kafka, applicationId, topology } = this.options;
    this.admin = kafka.admin();
    await this.admin.connect();
    await ensureInternalTopics(
      this.admin,
      applicationId,
      topology,
      this.options.replicationFactor ?? 1,
    );
    for (const spec of topology.globalTables) {
      const { store, reader } = await startGlobalTable(kafka, applicationId, spec, this.logger);
      this.globalStores.set(spec.storeName, store);
      this.globalReaders.push(reader);
    }
    const consumer = kafka.consumer({
      groupId: applicationId,
      readUncommitted: false,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1024 * 1024,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      // Bounds the idle long-poll only (minBytes is 1), so closing does not wait 5 s.
      maxWaitTimeInMs: 1000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      void this.onAssignment(payload.memberAssignment);
    });
    await consumer.connect();
    // A new application starts at the beginning of its inputs (Kafka Streams' default).
    await consumer.subscribe({ topics: topology.sources.map((s) => s.topic), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await Promise.all([...this.tasks.keys()].map((id) => this.closeTask(id, true)));
    await Promise.all(this.globalReaders.map((r) => r.stop()));
    await this.admin?.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const id = taskIdOf(batch.topic, batch.partition);
    this.metrics.lag.set(
      { topic: batch.topic, partition: batch.partition },
      Number(batch.offsetLag()),
    );
    const active = this.tasks.get(id);
    if (!active) {
      // The offset this batch was fetched from was read before our producer fenced the
      // previous owner; the owner may have committed since. Reopen, then seek to the truth.
      const opened = await this.openTask(batch.topic, batch.partition, payload.heartbeat);
      this.tasks.set(id, opened);
      this.consumer?.seek({
        topic: batch.topic,
        partition: batch.partition,
        offset: opened.startOffset,
      });
      return;
    }
    try {
      await active.run(() => active.processBatch(batch, payload));
    } catch (error) {
      // Between cycles (a rebalance heard at the heartbeat after a commit, say) the task is
      // as committed: it stays open, with no restore, unless the new assignment revokes it.
      if (active.settled) throw error;
      this.logger.warn(
        { err: error, task: id },
        'cycle failed; reopening the task from its committed state',
      );
      await this.closeTask(id, false);
      if (!(error instanceof Error && 'code' in error && error.code === 'STREAMS_COMMIT_FAILED'))
        throw error;
    }
  }

  private async openTask(
    topic: string,
    partition: number,
    heartbeat: () => Promise<void>,
  ): Promise<ActiveTask> {
    const { kafka, applicationId, topology } = this.options;
    const taskId = taskIdOf(topic, partition);
    const producer = await createPartitionProducer(kafka, {
      applicationId,
      topic,
      partition,
      transactionTimeoutMs: this.options.transactionTimeoutMs ?? 60_000,
    });
    const stores = openTaskStores(topology, applicationId, topic, partition, this.backends);
    // A failed open (the broker went away during the restore, say) must not leave a connected
    // producer and open stores behind: the next batch opens the task again from scratch.
    try {
      const taskDir = join(this.options.stateDir, applicationId, taskId);
      const checkpoint =
        this.options.storage === 'memory' ? undefined : await takeCheckpoint(taskDir);
      const positions = new Map<string, string>();
      for (const store of stores.values()) {
        const from = checkpoint?.[store.name];
        // Without a checkpoint the local copy may hold writes of an uncommitted cycle.
        if (from === undefined) await store.backend.clear();
        const started = Date.now();
        const { restored, end } = await restoreStore({
          kafka,
          applicationId,
          store,
          partition,
          from,
          heartbeat,
          onProgress: (n) => this.metrics.restoredRecords.inc({ store: store.name }, n),
        });
        positions.set(store.name, end);
        this.logger.info(
          {
            task: taskId,
            store: store.name,
            restored,
            fromCheckpoint: from !== undefined,
            ms: Date.now() - started,
          },
          'store restored',
        );
      }
      const { offset, streamTime } = await this.committedPosition(topic, partition);
      const task = new Task({
        applicationId,
        topology,
        topic,
        partition,
        stores,
        globalStores: this.globalStores,
        ...(streamTime === undefined ? {} : { streamTime }),
      });
      return new ActiveTask(task, producer, offset, positions, {
        applicationId,
        metrics: this.metrics,
        logger: this.logger,
      });
    } catch (error) {
      await Promise.all([...stores.values()].map((s) => s.backend.close().catch(() => undefined)));
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async committedPosition(topic: string, partition: number) {
    const admin = this.admin;
    if (!admin) throw new StreamsError('STREAMS_NOT_STARTED', 'the app is not started');
    const [committed] = await admin.fetchOffsets({
      groupId: this.options.applicationId,
      topics: [topic],
    });
    const entry = committed?.partitions.find((p) => p.partition === partition);
    if (entry && BigInt(entry.offset) >= 0n)
      return { offset: entry.offset, streamTime: decodeOffsetMetadata(entry.metadata) };
    const low = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.low;
    return { offset: low ?? '0', streamTime: undefined };
  }

  private async onAssignment(assignment: Record<string, number[]>): Promise<void> {
    const assigned = new Set(
      Object.entries(assignment).flatMap(([topic, partitions]) =>
        partitions.map((p) => taskIdOf(topic, p)),
      ),
    );
    await Promise.all(
      [...this.tasks.keys()]
        .filter((id) => !assigned.has(id))
        .map((id) => this.closeTask(id, true)),
    );
  }

  /** Clean: after the last commit, writes the checkpoint. Dirty: state is rebuilt on reopen. */
  private async closeTask(id: string, clean: boolean): Promise<void> {
    const active = this.tasks.get(id);
    if (!active) return;
    this.tasks.delete(id);
    await active.run(async () => {
      if (clean && this.options.storage !== 'memory') {
        const taskDir = join(this.options.stateDir, this.options.applicationId, id);
        await active.task.close();
        await writeCheckpoint(taskDir, Object.fromEntries(active.changelogPositions));
      } else {
        await active.task.close();
      }
      await active.producer.disconnect().catch(() => undefined);
    });
  }
}
