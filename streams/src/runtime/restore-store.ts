import type { Kafka } from 'kafkajs';
import type { StateStore } from '../stores/index.js';
import { readTopic } from './topic-reader.js';

export interface RestoreOptions {
  kafka: Kafka;
  applicationId: string;
  store: StateStore;
  partition: number;
  /** Changelog offset from the checkpoint; the whole changelog when absent. */
  from: string | undefined;
  /** Keeps the group membership of the main consumer alive during a long restore. */
  heartbeat: () => Promise<void>;
  /** Called with the number of records of each applied batch. */
  onProgress?: (records: number) => void;
}

/**
 * Replays a store's changelog partition into its backend. Runs after the task's producer has
 * fenced any predecessor, so no open transaction is left on the changelog and its end offset
 * is final.
 */
export async function restoreStore(
  options: RestoreOptions,
): Promise<{ restored: number; end: string }> {
  const { kafka, applicationId, store, partition, from, heartbeat, onProgress } = options;
  let restored = 0;
  const reader = await readTopic({
    kafka,
    groupPrefix: `${applicationId}-restore`,
    topic: store.changelogTopic,
    partitions: [partition],
    follow: false,
    ...(from === undefined ? {} : { from: new Map([[partition, from]]) }),
    onBatch: async (_partition, messages) => {
      await store.backend.apply(messages.map((m) => [m.key ?? Buffer.alloc(0), m.value] as const));
      restored += messages.length;
      onProgress?.(messages.length);
      await heartbeat();
    },
  });
  try {
    await reader.caughtUp;
  } finally {
    await reader.stop();
  }
  return { restored, end: reader.ends.get(partition) ?? from ?? '0' };
}
