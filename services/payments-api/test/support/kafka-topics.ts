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

/** Every record of a topic up to its current end (a full scan). */
export async function readAll(
  kafka: Kafka,
  topic: string,
  timeoutMs = 60_000,
): Promise<CdcRecord[]> {
  const end = await markTopic(kafka, topic);
  const left = new Map(end.offsets.map((o) => [o.partition, BigInt(o.offset)]));
  const total = [...left.values()].reduce((a, b) => a + b, 0n);
  if (total === 0n) return [];
  return collect(
    kafka,
    { topic, offsets: [] },
    (records) => {
      const seen = new Map<number, bigint>();
      for (const r of records) seen.set(r.partition, BigInt(r.offset) + 1n);
      return [...left].every(([p, high]) => high === 0n || (seen.get(p) ?? 0n) >= high);
    },
    timeoutMs,
  );
}
