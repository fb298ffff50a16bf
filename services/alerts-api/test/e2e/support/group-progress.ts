import type { Kafka } from 'kafkajs';

/**
 * Resolves once consumer group `groupId` has committed, on every partition of `topics`, the end
 * each partition had when this was called: the backlog is processed. One short of the end
 * counts, because the last offset of a transactional topic is a commit marker that no consumer
 * ever reads past (its committed offset stays on the marker). Resolves to the milliseconds
 * waited; fails after `timeoutMs` naming the partitions still behind.
 */
export async function waitForGroupToReachEnd(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic))
        ends.set(`${topic}/${partition}`, BigInt(high));
    }
    for (;;) {
      const behind: string[] = [];
      for (const { topic, partitions } of await admin.fetchOffsets({
        groupId,
        topics: [...topics],
      }))
        for (const { partition, offset } of partitions) {
          const end = ends.get(`${topic}/${partition}`) ?? 0n;
          // '-1': nothing committed yet, which is caught up only on an empty partition.
          if (BigInt(offset) < end - 1n)
            behind.push(`${topic}/${partition} at ${offset} of ${end}`);
        }
      if (behind.length === 0) return Date.now() - started;
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `group ${groupId} still behind after ${timeoutMs} ms: ${behind.join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
}
