import {
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { Logger } from '@fraud/common';
import { LakeError } from '../errors.js';
import type { TableWriter } from '../table/index.js';
import { currentSchema, defaultSpec } from '../metadata/index.js';
import { sinkDeadLetter, type DeadLetter } from './dead-letter.js';
import type { EncodedRecords, RecordEncoder } from './encoder/record-encoder.js';
import { newPartitionState, type PartitionState } from './partition-state.js';
import type { ScoredPaymentRow } from './scored-payment-row.js';
import { createSerial } from './serial.js';
import type { SinkMetrics } from './sink-metrics.js';
import { offsetsSummary, readSnapshotOffsets } from './snapshot-offsets.js';

export interface LakeSinkOptions {
  readonly kafka: Kafka;
  readonly writer: TableWriter<ScoredPaymentRow>;
  /** Decodes buffered records and writes their rows as data files. */
  readonly encoder: RecordEncoder;
  /**
   * Pieces a commit's records are handed to the encoder in as they arrive (the encoder's
   * parallelism: its worker count); 1 encodes a commit's records at commit time.
   */
  readonly chunksPerCommit?: number;
  readonly logger: Logger;
  readonly metrics: SinkMetrics;
  readonly topic: string;
  readonly groupId: string;
  readonly deadLetterTopic: string;
  /** Commit as soon as this many records are buffered (rows and dead letters). */
  readonly commitRows: number;
  /** Commit buffered records at the latest this long after the first of them arrived. */
  readonly commitIntervalMs: number;
  /** Bytes fetched per partition per request (kafkajs `maxBytesPerPartition`). */
  readonly maxBytesPerPartition: number;
  /**
   * How long the group waits for a silent member before reassigning its partitions, i.e. how
   * long a restart after a crash waits (kafkajs default 30 s).
   */
  readonly sessionTimeoutMs?: number;
  /** Called when the consumer stopped for good (kafkajs gave up restarting it). */
  readonly onFatal?: (error: Error) => void;
}

export interface LakeSinkStatus {
  readonly running: boolean;
  /** The consumer is in the group and has an assignment (possibly empty). */
  readonly joined: boolean;
  readonly partitions: Readonly<Record<number, { committed: number; position: number }>>;
  /** Records consumed and waiting for the next commit. */
  readonly bufferedRecords: number;
}

export interface LakeSink {
  /** Connects, joins the consumer group and starts consuming; resolves once running. */
  start(): Promise<void>;
  /** Stops consuming, commits what is buffered, disconnects. */
  stop(): Promise<void>;
  /** Commits what is buffered now. */
  flush(): Promise<void>;
  status(): LakeSinkStatus;
}

type CommitTrigger = 'rows' | 'interval' | 'flush' | 'shutdown';

interface ChunkRecord {
  readonly p: number;
  readonly message: KafkaMessage;
}
/** Records handed to the encoder together, and its result (an Error when it failed). */
interface Chunk {
  readonly records: readonly ChunkRecord[];
  readonly result: Promise<EncodedRecords | Error>;
}
interface TakenCommit {
  readonly chunks: readonly Chunk[];
  readonly states: readonly (readonly [number, PartitionState])[];
  readonly expected: ReadonlyMap<number, number>;
  readonly next: ReadonlyMap<number, number>;
}

/**
 * The Kafka → Iceberg sink, exactly-once: the offsets a commit covers are written in the same
 * snapshot as its rows, and on every assignment the sink resumes from the offsets of the
 * table's current snapshot, not the consumer group's (those are committed afterwards, as a
 * hint for lag tooling). A crash between writing files and the catalog swap leaves orphan
 * files only; one after the swap and before the group commit replays nothing, because the
 * snapshot's offsets win.
 *
 * Consumption is kafkajs's `eachBatch` with `autoCommit: false` rather than a hand-written
 * fetch loop: the group protocol assigns partitions (several instances share a topic), and
 * kafkajs's fetch, read_committed filtering (patched, see patches/) and seeking are reused. A
 * batch only adds its records to the buffer, so the consumer is rarely held up. Every
 * `commitRows / chunksPerCommit` records the buffer goes to the `encoder` (worker threads in
 * the service) to be decoded and written as data files while consumption goes on; a commit
 * (at `commitRows` records or `commitIntervalMs` after the oldest) hands over the rest, waits
 * for the files and swaps the catalog in the background. Everything that touches the buffer
 * runs serially; the batch handler waits for a commit in flight only when the next one is due
 * (about two commits' records in memory at most). Any failure, and any rebalance, drops what
 * is not committed: every partition resumes from the table.
 */
export function createLakeSink(options: LakeSinkOptions): LakeSink {
  const { kafka, writer, encoder, metrics, topic } = options;
  const logger = options.logger.child({ component: 'lake-sink', topic });
  const serial = createSerial();
  const states = new Map<number, PartitionState>();
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let admin: Admin | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopping = false;
  let joined = false;
  let assignment: ReadonlySet<number> = new Set();
  // Set on every assignment: the table is reloaded before the first batch after it.
  let snapshotOffsets: Map<number, number> | undefined;
  // When the oldest buffered record arrived; undefined while nothing is buffered.
  let pendingSince: number | undefined;
  // The commit running in the background (settled: never rejects), and how the last one ended.
  let inFlight: Promise<void> | undefined;
  let lastCommitFailed = false;

  // Records taken from the partitions and handed to the encoder, not yet committed.
  let chunks: Chunk[] = [];
  const chunkRecords = Math.ceil(options.commitRows / Math.max(1, options.chunksPerCommit ?? 1));

  const undispatched = () => [...states.values()].reduce((n, s) => n + s.records.length, 0);
  const bufferedRecords = () => undispatched() + chunks.reduce((n, c) => n + c.records.length, 0);

  async function lowWatermark(partition: number): Promise<number> {
    const offsets = await (admin as Admin).fetchTopicOffsets(topic);
    const low = offsets.find((o) => o.partition === partition)?.low;
    if (low === undefined) throw new Error(`no partition ${partition} in ${topic}`);
    return Number(low);
  }

  /** The state of an assigned partition, created from the table's snapshot on first sight. */
  async function partitionState(partition: number): Promise<PartitionState> {
    if (snapshotOffsets === undefined) {
      // A commit in flight moves the offsets this is about to read.
      await inFlight;
      await writer.refresh();
      snapshotOffsets = readSnapshotOffsets(writer.currentSummary(), topic);
    }
    let state = states.get(partition);
    if (state === undefined) {
      state = newPartitionState(snapshotOffsets.get(partition) ?? (await lowWatermark(partition)));
      states.set(partition, state);
      logger.info({ partition, offset: state.committed }, 'resuming partition from the table');
    }
    return state;
  }

  /**
   * Whether the batch starts where the sink resumes. When it does not, a seek is issued and the
   * batch dropped; a later start is accepted only where retention removed the records between.
   */
  async function verifyStart(state: PartitionState, partition: number, first: number) {
    if (first === state.position) return true;
    if (first > state.position && state.seeked) {
      const low = await lowWatermark(partition);
      if (low > state.position) {
        logger.error(
          { partition, from: state.position, to: low },
          'records were deleted by retention before the sink consumed them',
        );
        state.position = first;
        return true;
      }
    }
    (consumer as Consumer).seek({ topic, partition, offset: String(state.position) });
    state.seeked = true;
    return false;
  }

  async function sendDeadLetters(deadLetters: readonly DeadLetter[]) {
    await (producer as Producer).send({
      topic: options.deadLetterTopic,
      acks: -1,
      messages: deadLetters.map((d) => sinkDeadLetter(topic, options.groupId, d)),
    });
    for (const d of deadLetters) metrics.deadLettered(d.reason, 1);
    const first = deadLetters[0];
    logger.warn(
      {
        count: deadLetters.length,
        partition: first?.partition,
        offset: first?.message.offset,
        reason: first?.reason,
        detail: first?.detail,
      },
      'records sent to the dead-letter topic',
    );
  }

  async function handleBatch({ batch, isStale, heartbeat }: EachBatchPayload) {
    if (stopping) return;
    const { partition } = batch;
    const state = await partitionState(partition);
    const first = batch.firstOffset();
    if (first === null) return;
    if (!state.verified) {
      if (!(await verifyStart(state, partition, Number(first)))) return;
      state.verified = true;
      state.seeked = false;
    }
    if (isStale()) return;
    // A batch kafkajs delivers again (its handler threw) may overlap records already taken.
    for (const message of batch.messages) {
      if (Number(message.offset) >= state.position) state.records.push(message);
    }
    state.position = Number(batch.lastOffset()) + 1;
    if (pendingSince === undefined && state.records.length > 0) pendingSince = Date.now();
    metrics.lag(partition, Math.max(0, Number(batch.highWatermark) - state.position));
    if (undispatched() >= chunkRecords) dispatch();
    const buffered = bufferedRecords();
    metrics.buffered(buffered);
    if (buffered >= options.commitRows) await commit('rows');
    else if (commitDue()) await commit('interval');
    await heartbeat();
  }

  const commitDue = () =>
    pendingSince !== undefined && Date.now() - pendingSince >= options.commitIntervalMs;

  /**
   * Hands the partitions' buffered records to the encoder now, so that a commit's records are
   * decoded and written while the rest of them are still being consumed; the commit then only
   * waits for the last piece.
   */
  function dispatch() {
    const records = [...states].flatMap(([p, state]) => {
      const taken = state.records.map((message) => ({ p, message }));
      state.records = [];
      return taken;
    });
    if (records.length === 0) return;
    const table = writer.table().metadata;
    const target = {
      location: table.location,
      schema: currentSchema(table),
      spec: defaultSpec(table),
    };
    const result = encoder
      .encode(
        records.map((r) => r.message.value),
        target,
      )
      .then(
        (encoded) => encoded,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    chunks.push({ records, result });
  }

  /**
   * Commits what is buffered in the background, so that kafkajs fetches the next batches
   * meanwhile. One commit runs at a time: the next waits for it (which bounds memory to about
   * two commits' records) and builds on its offsets. After a failed commit, or with `wait`, the
   * caller waits for this one too and sees its error.
   */
  async function commit(trigger: CommitTrigger, { wait = false } = {}) {
    await inFlight;
    dispatch();
    if (chunks.length === 0) return;
    // Partitions that only moved past transaction markers ride along at no cost.
    const moved = [...states].filter(([, s]) => s.position > s.committed);
    const taken: TakenCommit = {
      chunks,
      states: moved,
      expected: new Map(moved.map(([p, s]) => [p, s.committed])),
      next: new Map(moved.map(([p, s]) => [p, s.position])),
    };
    chunks = [];
    pendingSince = undefined;
    metrics.buffered(bufferedRecords());
    const run = runCommit(taken, trigger);
    inFlight = run.then(
      () => undefined,
      () => undefined,
    );
    if (wait || lastCommitFailed) await run;
    else run.catch(() => undefined);
  }

  /**
   * Forgets every record consumed and not committed: each partition resumes from the table's
   * offsets (the next batch seeks there). Data files already written stay unreferenced, for
   * `remove-orphans`.
   */
  function resumeFromTable() {
    states.clear();
    chunks = [];
    snapshotOffsets = undefined;
    pendingSince = undefined;
    metrics.buffered(0);
    // Each partition is sought to its table offset now: one with nothing new to fetch would
    // otherwise never be read again. Status and lag show every partition from here on.
    serial(async () => {
      for (const partition of assignment) {
        const state = await partitionState(partition);
        if (state.verified || state.seeked) continue;
        (consumer as Consumer).seek({ topic, partition, offset: String(state.position) });
        state.seeked = true;
      }
    }).catch((error: unknown) => logger.warn({ err: error }, 'partitions not read from the table'));
  }

  async function runCommit(
    { chunks: taken, states: covered, expected, next }: TakenCommit,
    trigger: CommitTrigger,
  ) {
    const started = performance.now();
    const records = taken.reduce((n, c) => n + c.records.length, 0);
    try {
      const results = await Promise.all(taken.map((c) => c.result));
      const failed = results.find((r): r is Error => r instanceof Error);
      if (failed !== undefined) throw failed;
      const encoded = results as EncodedRecords[];
      const files = encoded.flatMap((r) => r.files);
      // Dead letters go out before the commit that counts them as consumed: a crash in
      // between sends them again (at least once), never loses one.
      const deadLetters = encoded.flatMap((r, i) =>
        r.failures.map(({ index, reason, detail }): DeadLetter => {
          const { p, message } = taken[i]?.records[index] as ChunkRecord;
          return { partition: p, message, reason, detail };
        }),
      );
      if (deadLetters.length > 0) await sendDeadLetters(deadLetters);
      const snapshot = await writer.appendFiles(files, {
        summary: offsetsSummary(topic, expected, next),
      });
      lastCommitFailed = false;
      for (const [p, state] of covered) {
        if (states.get(p) === state) state.committed = next.get(p) ?? state.committed;
      }
      const seconds = (performance.now() - started) / 1000;
      const rows = records - deadLetters.length;
      metrics.commit('committed', seconds);
      metrics.rowsAppended(rows);
      metrics.dataFiles(files.map((f) => f.fileSizeInBytes));
      logger.info(
        {
          trigger,
          rows,
          deadLetters: deadLetters.length,
          files: files.length,
          bytes: files.reduce((n, f) => n + f.fileSizeInBytes, 0),
          snapshotId: snapshot['snapshot-id'],
          offsets: Object.fromEntries(next),
          ms: Math.round(seconds * 1000),
        },
        'committed',
      );
      await commitGroupOffsets(next);
    } catch (error) {
      const seconds = (performance.now() - started) / 1000;
      // Whatever was consumed since is dropped too: the partitions resume from the table.
      resumeFromTable();
      if (error instanceof LakeError && error.code === 'OFFSETS_MOVED') {
        // Another instance committed some of these partitions (a rebalance raced this commit).
        metrics.commit('fenced', seconds);
        logger.warn({ err: error, dropped: records }, 'commit fenced; resuming from the table');
        return;
      }
      metrics.commit('failed', seconds);
      lastCommitFailed = true;
      logger.error({ err: error, trigger, records }, 'commit failed; resuming from the table');
      throw error;
    }
  }

  /** The group's offsets only serve lag tooling; failing to commit them is harmless. */
  async function commitGroupOffsets(next: ReadonlyMap<number, number>) {
    try {
      await (consumer as Consumer).commitOffsets(
        [...next].map(([partition, offset]) => ({ topic, partition, offset: String(offset) })),
      );
    } catch (error) {
      logger.debug({ err: error }, 'consumer group offsets not committed (hint only)');
    }
  }

  function onAssignment(assigned: ReadonlySet<number>) {
    joined = true;
    for (const partition of assignment) {
      if (!assigned.has(partition)) metrics.forgetPartition(partition);
    }
    assignment = assigned;
    // Records consumed under the previous assignment may belong to partitions another instance
    // now owns; the commit in flight (if any) is consistent on its own, the rest is dropped.
    const dropped = bufferedRecords();
    resumeFromTable();
    logger.info({ partitions: [...assigned], dropped }, 'partitions assigned');
  }

  /**
   * Batches of only transaction markers or aborted records never reach eachBatch. One that
   * continues a partition exactly consumes its offsets (and shows kafkajs fetches from the
   * right place); one that does not, before the partition's start was verified, means kafkajs
   * fetches from the group's offset: seek.
   */
  function onFilteredBatch(batch: {
    partition: number;
    batchSize: number;
    firstOffset: string;
    lastOffset: string;
    highWatermark: string;
  }) {
    const state = states.get(batch.partition);
    if (batch.batchSize !== 0 || state === undefined) return;
    if (Number(batch.firstOffset) === state.position) {
      state.position = Number(batch.lastOffset) + 1;
      state.verified = true;
      state.seeked = false;
      metrics.lag(batch.partition, Math.max(0, Number(batch.highWatermark) - state.position));
    } else if (!state.verified && !state.seeked) {
      (consumer as Consumer).seek({
        topic,
        partition: batch.partition,
        offset: String(state.position),
      });
      state.seeked = true;
    }
  }

  return {
    async start() {
      admin = kafka.admin();
      await admin.connect();
      // Created with the broker's defaults when missing; asked first, because kafkajs logs an
      // error for every creation of a topic that exists.
      if (!(await admin.listTopics()).includes(options.deadLetterTopic)) {
        await admin.createTopics({
          topics: [{ topic: options.deadLetterTopic }],
          waitForLeaders: true,
        });
      }
      producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      consumer = kafka.consumer({
        groupId: options.groupId,
        readUncommitted: false,
        // The source topic is someone else's to create, with its partitions and retention.
        allowAutoTopicCreation: false,
        maxBytesPerPartition: options.maxBytesPerPartition,
        maxBytes: Math.max(options.maxBytesPerPartition * 4, 10 * 1024 * 1024),
        sessionTimeout: options.sessionTimeoutMs ?? 30_000,
        heartbeatInterval: Math.floor((options.sessionTimeoutMs ?? 30_000) / 10),
      });
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
        onAssignment(new Set(payload.memberAssignment[topic] ?? [])),
      );
      // Batches of only transaction markers or aborted records never reach eachBatch; where
      // one continues a partition exactly, its offsets are consumed too.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => onFilteredBatch(payload));
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
        if (!payload.restart) {
          running = false;
          options.onFatal?.(payload.error);
        }
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: (payload) => serial(() => handleBatch(payload)),
      });
      running = true;
      timer = setInterval(
        () => {
          if (!commitDue()) return;
          // Failures are logged by the commit; the records stay buffered for the next attempt.
          serial(() => commit('interval')).catch(() => undefined);
        },
        Math.min(1000, options.commitIntervalMs),
      );
      timer.unref();
      logger.info({ groupId: options.groupId }, 'lake sink started');
    },

    async stop() {
      if (!running && consumer === undefined) return;
      stopping = true;
      clearInterval(timer);
      try {
        await consumer?.stop();
        await serial(() => commit('shutdown', { wait: true }));
      } finally {
        running = false;
        await consumer?.disconnect();
        await producer?.disconnect();
        await admin?.disconnect();
        await encoder.close();
        logger.info('lake sink stopped');
      }
    },

    flush: () => serial(() => commit('flush', { wait: true })),

    status: () => ({
      running,
      joined,
      partitions: Object.fromEntries(
        [...states].map(([p, s]) => [p, { committed: s.committed, position: s.position }]),
      ),
      bufferedRecords: bufferedRecords(),
    }),
  };
}
