import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface CdcRecord {
  partition: number;
  offset: string;
  /** When the record was produced (Kafka's timestamp), in epoch milliseconds. */
  timestamp: number;
  key: unknown;
  value: unknown;
}

/** Where a topic ends now: read from here to see only what happens next. */
export interface TopicMark {
  topic: string;
  /** Per partition; empty when the topic does not exist yet (then read from its start). */
  offsets: { partition: number; offset: string }[];
}

export async function markTopic(kafka: Kafka, topic: string): Promise<TopicMark> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return { topic, offsets: [] };
    const offsets = await admin.fetchTopicOffsets(topic);
    return { topic, offsets: offsets.map((o) => ({ partition: o.partition, offset: o.high })) };
  } finally {
    await admin.disconnect();
  }
}

const parse = (buffer: Buffer | null): unknown =>
  buffer === null ? null : (JSON.parse(buffer.toString('utf8')) as unknown);

/**
 * Consumes a topic from a mark (its own throwaway group, so tests never share offsets) until
 * `done` says the records collected so far suffice, or the timeout passes.
 */
export async function collect(
  kafka: Kafka,
  mark: TopicMark,
  done: (records: readonly CdcRecord[]) => boolean,
  timeoutMs = 20_000,
): Promise<CdcRecord[]> {
  const groupId = `payments-api-test-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  if (mark.offsets.length > 0) {
    await admin.setOffsets({ groupId, topic: mark.topic, partitions: mark.offsets });
  }
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const records: CdcRecord[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: mark.topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${mark.topic}: condition not met within ${timeoutMs} ms (${records.length} records)`,
            ),
          ),
        timeoutMs,
      );
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            records.push({
              partition: batch.partition,
              offset: m.offset,
              timestamp: Number(m.timestamp),
              key: parse(m.key),
              value: parse(m.value),
            });
          }
          if (done(records)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return records;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * The records of a topic up to its current end: all of them, or only the last
 * `lastPerPartition` of each partition (a long-lived development stack's payments topic holds
 * millions, more than a test can read in its time).
 */
export async function readAll(
  kafka: Kafka,
  topic: string,
  {
    lastPerPartition,
    timeoutMs = 60_000,
  }: { lastPerPartition?: number | undefined; timeoutMs?: number } = {},
): Promise<CdcRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const partitions = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const bounds = partitions.map(({ partition, low, high }) => {
    const end = BigInt(high);
    const last = lastPerPartition === undefined ? end : BigInt(lastPerPartition);
    const start = end - last > BigInt(low) ? end - last : BigInt(low);
    return { partition, start, end };
  });
  if (bounds.every(({ start, end }) => start >= end)) return [];
  return collect(
    kafka,
    {
      topic,
      offsets: bounds.map(({ partition, start }) => ({ partition, offset: String(start) })),
    },
    (records) => {
      const seen = new Map<number, bigint>();
      for (const r of records) seen.set(r.partition, BigInt(r.offset) + 1n);
      return bounds.every(({ partition, start, end }) => (seen.get(partition) ?? start) >= end);
    },
    timeoutMs,
  );
}
