import type { Kafka } from 'kafkajs';
import type { Logger } from '@fraud/common';
import { memoryBackend, StateStore } from '../stores/index.js';
import type { GlobalTableSpec } from '../topology/index.js';
import { readTopic, type TopicReader } from './topic-reader.js';

/**
 * Materialises a global table: every instance reads all partitions of its topic from the
 * beginning into memory (the topic is its own changelog), waits until caught up before
 * processing starts, then keeps following updates.
 */
export async function startGlobalTable(
  kafka: Kafka,
  applicationId: string,
  spec: GlobalTableSpec,
  logger: Logger,
): Promise<{ store: StateStore; reader: TopicReader }> {
  const store = new StateStore({
    name: spec.storeName,
    changelogTopic: spec.topic,
    backend: memoryBackend(),
  });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(spec.topic).finally(() => admin.disconnect());
  const reader = await readTopic({
    kafka,
    groupPrefix: `${applicationId}-global-${spec.storeName}`,
    topic: spec.topic,
    partitions: offsets.map((o) => o.partition),
    follow: true,
    onBatch: async (partition, messages) => {
      const writes = [];
      for (const m of messages) {
        const write = spec.toStoreWrite({
          topic: spec.topic,
          partition,
          offset: m.offset,
          key: m.key,
          value: m.value,
          timestamp: Number(m.timestamp),
          headers: m.headers ?? {},
        });
        if (write) writes.push(write);
      }
      await store.backend.apply(writes);
    },
  });
  await reader.caughtUp.catch(async (error: unknown) => {
    await reader.stop();
    throw error;
  });
  logger.info({ table: spec.storeName, topic: spec.topic }, 'global table loaded');
  return { store, reader };
}
