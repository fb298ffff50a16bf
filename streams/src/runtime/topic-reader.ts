import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { onlyPartitionsAssigner } from './only-partitions-assigner.js';

export interface TopicReaderOptions {
  kafka: Kafka;
  /** Prefix of the throwaway consumer group; it never commits offsets. */
  groupPrefix: string;
  topic: string;
  partitions: number[];
  /** Start offset per partition; the earliest retained offset when absent. */
  from?: ReadonlyMap<number, string>;
  onBatch: (partition: number, messages: KafkaMessage[]) => Promise<void>;
  /** Keep reading new records after catching up (global tables) instead of stopping. */
  follow: boolean;
}

export interface TopicReader {
  /**
   * Resolves once every partition was read up to its end offset as of the start; rejects with
   * the first error of `onBatch` before then, after which no batch is passed on.
   */
  readonly caughtUp: Promise<void>;
  /** Those end offsets (next offset to be written), per partition. */
  readonly ends: ReadonlyMap<number, string>;
  stop(): Promise<void>;
}

/**
 * Reads partitions of a topic from a given offset, read_committed, and tells when it reached
 * the end offsets taken at the start. Changelog restore and global tables use it. End offsets
 * count transaction markers, which never reach `eachBatch`; the end-of-batch event sees them.
 */
export async function readTopic(options: TopicReaderOptions): Promise<TopicReader> {
  const { kafka, topic, partitions, from, onBatch } = options;
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map<number, bigint>();
  const ends = new Map<number, string>();
  const seeks: Array<{ partition: number; offset: string }> = [];
  for (const { partition, low, high } of offsets) {
    if (!partitions.includes(partition)) continue;
    ends.set(partition, high);
    const start = from?.get(partition) ?? low;
    if (BigInt(start) < BigInt(high)) {
      remaining.set(partition, BigInt(high));
      seeks.push({ partition, offset: BigInt(start) > BigInt(low) ? start : low });
    }
  }

  // Nothing to restore is the common case after a clean stop: skip the group join.
  if (remaining.size === 0 && !options.follow)
    return { caughtUp: Promise.resolve(), ends, stop: async () => undefined };

  const consumer = kafka.consumer({
    groupId: `${options.groupPrefix}-${randomUUID()}`,
    readUncommitted: false,
    partitionAssigners: [onlyPartitionsAssigner(topic, partitions)],
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxBytes: 64 * 1024 * 1024,
    maxWaitTimeInMs: 500,
  });
  let markCaughtUp = () => {};
  let markFailed: (error: unknown) => void = () => {};
  let failed = false;
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve;
    markFailed = reject;
    if (remaining.size === 0) resolve();
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = remaining.get(payload.partition);
    if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) {
      remaining.delete(payload.partition);
      if (remaining.size === 0) markCaughtUp();
    }
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (failed) return;
      try {
        await onBatch(batch.partition, batch.messages);
      } catch (error) {
        // After catch-up (following), kafkajs retries the batch. Before, the caller is waiting
        // on `caughtUp` and must hear of it: a restore's heartbeat fails when the main group
        // rebalances, and kafkajs would take that for this consumer's own group error, rejoin
        // and retry it forever.
        if (remaining.size === 0) throw error;
        failed = true;
        markFailed(error);
      }
    },
  });
  for (const { partition, offset } of seeks) consumer.seek({ topic, partition, offset });
  return { caughtUp, ends, stop: () => consumer.disconnect() };
}
