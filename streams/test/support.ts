import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Kafka } from 'kafkajs';
import { createKafka, createLogger, loadServiceConfig, parseBrokers } from '@fraud/common';

/** A kafkajs client on the local stack and a suffix that keeps each run's topics apart. */
export function testKafka(name: string): { kafka: Kafka; suffix: string } {
  const config = loadServiceConfig(Type.Object({}));
  const logger = createLogger({ name, level: (process.env.IT_LOG as 'info') ?? 'error' });
  return {
    kafka: createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: name, logger }),
    suffix: randomUUID().slice(0, 8),
  };
}

export interface ReadRecord {
  key: Buffer | null;
  value: Buffer | null;
  partition: number;
  offset: string;
  headers: Record<string, unknown>;
}

/**
 * Reads a topic with read_committed from the beginning until `done` holds for what was read,
 * then `settleMs` more so that duplicates arriving after that are seen too; fails after the
 * timeout with what was seen.
 */
export async function readCommitted(
  kafka: Kafka,
  topic: string,
  done: (records: ReadRecord[]) => boolean,
  { timeoutMs = 60_000, settleMs = 0 } = {},
): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, readUncommitted: false });
  await consumer.connect();
  const records: ReadRecord[] = [];
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out reading ${topic}: ${records.length} records`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          records.push({
            key: message.key,
            value: message.value,
            partition,
            offset: message.offset,
            headers: message.headers ?? {},
          });
          if (done(records)) {
            clearTimeout(timer);
            setTimeout(resolve, settleMs);
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
