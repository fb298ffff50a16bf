import type { KafkaMessage } from 'kafkajs';

/**
 * What the sink holds for one assigned source partition. Records in [committed, position)
 * have been consumed and wait in `records` (those kafkajs handed out: aborted ones and
 * transaction markers take offsets but never arrive); the next commit turns them into rows or
 * dead letters and moves `committed` to `position`.
 */
export interface PartitionState {
  /** The offset the table's current snapshot records for this partition. */
  committed: number;
  /** The next offset to consume. */
  position: number;
  records: KafkaMessage[];
  /**
   * Whether kafkajs fetches from `position`. After an assignment it fetches from the group's
   * offset, which is only a hint; the first batch is checked and, if it starts elsewhere,
   * dropped for a seek to `position`.
   */
  verified: boolean;
  /** A seek to `position` was issued and not yet confirmed by a batch. */
  seeked: boolean;
}

export const newPartitionState = (start: number): PartitionState => ({
  committed: start,
  position: start,
  records: [],
  verified: false,
  seeked: false,
});
