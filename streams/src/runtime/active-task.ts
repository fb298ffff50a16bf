import type { Batch, Producer, RecordMetadata, Transaction } from 'kafkajs';
import type { Logger } from '@fraud/common';
import { StreamsError } from '../errors/index.js';
import type { StreamsMetrics } from '../metrics/index.js';
import type { OutgoingRecord } from '../records/index.js';
import type { Task } from '../task/index.js';
import { sendOffsetsWithRetry } from './send-offsets.js';
import { encodeOffsetMetadata } from './offset-metadata.js';
import { toSends } from './to-kafka-messages.js';

export interface BatchControl {
  isRunning: () => boolean;
  isStale: () => boolean;
  resolveOffset: (offset: string) => void;
  heartbeat: () => Promise<void>;
}

/**
 * A task with the transactional producer that owns its input partition. One cycle = one
 * fetched batch = one transaction holding outputs, dead letters, changelog writes and the next
 * input offset. Work on a task is serialised (`run`), so at most one transaction is in flight
 * per producer, as idempotent sequence numbers require.
 */
export class ActiveTask {
  private queue: Promise<unknown> = Promise.resolve();
  /** Next changelog offset per store after our last commit: the checkpoint on a clean close. */
  readonly changelogPositions: Map<string, string>;
  /** Next input offset to process: the committed offset at open, then after each commit. */
  private position: bigint;
  /**
   * False from the first record of a cycle until its commit or rollback: a failure in between
   * leaves state the task must rebuild. A failure outside (a heartbeat hearing of a rebalance
   * after a commit, say) leaves the task as committed.
   */
  private settledState = true;

  constructor(
    readonly task: Task,
    readonly producer: Producer,
    readonly startOffset: string,
    changelogPositions: Map<string, string>,
    private readonly env: { applicationId: string; metrics: StreamsMetrics; logger: Logger },
  ) {
    this.changelogPositions = changelogPositions;
    this.position = BigInt(startOffset);
  }

  get settled(): boolean {
    return this.settledState;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Processes and commits a batch; returns false when the batch was stale and aborted. */
  async processBatch(batch: Batch, control: BatchControl): Promise<boolean> {
    const { task } = this;
    const messages = this.skipCommitted(batch);
    const lastOfBatch = batch.messages.at(-1)?.offset;
    if (messages.length === 0 && lastOfBatch !== undefined) {
      // All of it was committed by this task already: move the consumer on, commit nothing.
      if (control.isStale()) return false;
      control.resolveOffset(lastOfBatch);
      await control.heartbeat();
      return true;
    }
    const last = messages.at(-1)?.offset;
    // Processing below is synchronous, so nothing can seek or stop us in the middle of it: one
    // check before (kafkajs's isStale builds a string per call) covers the whole batch.
    if (last === undefined || !control.isRunning() || control.isStale()) {
      task.aborted();
      return false;
    }
    this.settledState = false;
    for (const message of messages)
      task.process({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        timestamp: Number(message.timestamp),
        headers: message.headers ?? {},
      });
    const next = BigInt(last) + 1n;
    const committed = await this.commit(String(next), control.isStale);
    this.settledState = true;
    if (!committed) return false;
    this.position = next;
    // Only now may the consumer move on: resolving earlier would skip records of an aborted cycle.
    control.resolveOffset(last);
    this.env.metrics.recordsProcessed.inc({ topic: batch.topic }, messages.length);
    const now = Date.now();
    for (const message of messages)
      this.env.metrics.endToEndLatency.observe((now - Number(message.timestamp)) / 1000);
    await control.heartbeat();
    return true;
  }

  /**
   * Drops the records below our position. After a rebalance that keeps this task, kafkajs
   * refetches the committed offset, and without KIP-447's require_stable it can get the one
   * before our last commit (EndTxn returns before the markers reach __consumer_offsets): those
   * records were committed by this task and its producer, so processing them again would
   * duplicate outputs and count them twice in the stores.
   */
  private skipCommitted(batch: Batch): Batch['messages'] {
    const first = batch.messages[0];
    // Offsets ascend within a batch: the usual batch, starting at our position, is kept whole.
    if (first === undefined || BigInt(first.offset) >= this.position) return batch.messages;
    const messages = batch.messages.filter((m) => BigInt(m.offset) >= this.position);
    const skipped = batch.messages.length - messages.length;
    this.env.metrics.recordsSkipped.inc(
      { topic: batch.topic, reason: 'already-committed' },
      skipped,
    );
    this.env.logger.info(
      {
        task: this.task.id,
        firstOffset: first.offset,
        lastSkipped: batch.messages[skipped - 1]?.offset,
        position: String(this.position),
      },
      'skipped records this task already committed (a refetched offset was behind its commit)',
    );
    return messages;
  }

  private async commit(nextOffset: string, isStale: () => boolean): Promise<boolean> {
    const { task, producer, env } = this;
    let records: OutgoingRecord[] = [];
    let transaction: Transaction | undefined;
    const metadata: RecordMetadata[] = [];
    const stopTimer = env.metrics.commitDuration.startTimer();
    try {
      // Asynchronous work of the cycle (batched inference) runs here; if it fails, the cycle
      // is aborted and retried like a failed commit.
      records = await task.prepareCommit();
      transaction = await producer.transaction();
      for (const topicMessages of toSends(records))
        metadata.push(...(await transaction.sendBatch({ topicMessages, acks: -1 })));
      const partitions = [
        {
          partition: task.partition,
          offset: nextOffset,
          metadata: encodeOffsetMetadata(task.streamTime()),
        },
      ];
      await sendOffsetsWithRetry(transaction, {
        consumerGroupId: env.applicationId,
        topics: [{ topic: task.topic, partitions }],
      });
      // A seek (rebalance, reopen) arrived while we worked: these offsets are no longer ours.
      if (isStale()) {
        await transaction.abort();
        task.aborted();
        return false;
      }
      await transaction.commit();
    } catch (error) {
      task.aborted();
      env.metrics.failedCommits.inc();
      // The task is closed and its producer dropped after this, whatever abort does.
      await transaction?.abort().catch(() => undefined);
      throw new StreamsError('STREAMS_COMMIT_FAILED', `commit of task ${task.id} failed`, {
        cause: error,
        retriable: true,
      });
    }
    const deadLetters = await task.committed();
    stopTimer();
    env.metrics.transactionRecords.observe(records.length);
    for (const [reason, n] of deadLetters) env.metrics.deadLetters.inc({ reason }, n);
    this.trackChangelogPositions(records, metadata);
    return true;
  }

  private trackChangelogPositions(
    records: readonly OutgoingRecord[],
    metadata: RecordMetadata[],
  ): void {
    for (const store of this.task.stores.values()) {
      const meta = metadata.find(
        (m) => m.topicName === store.changelogTopic && m.partition === this.task.partition,
      );
      if (!meta?.baseOffset) continue;
      const count = records.filter((r) => r.topic === store.changelogTopic).length;
      this.changelogPositions.set(store.name, String(BigInt(meta.baseOffset) + BigInt(count)));
    }
  }
}
