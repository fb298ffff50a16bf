import type { Admin } from 'kafkajs';
import { StreamsError } from '../errors/index.js';
import { changelogTopic } from '../stores/index.js';
import type { StoreSpec, Topology } from '../topology/index.js';

/** Kafka Streams' `windowstore.changelog.additional.retention.ms` default. */
const WINDOW_CHANGELOG_EXTRA_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Key-value changelogs are compacted. Window changelogs are compacted and deleted by time:
 * expired windows leave the changelog with its segments, no tombstone needed.
 */
function changelogConfig(store: StoreSpec) {
  if (store.retentionMs === undefined) return [{ name: 'cleanup.policy', value: 'compact' }];
  return [
    { name: 'cleanup.policy', value: 'compact,delete' },
    {
      name: 'retention.ms',
      value: String(store.retentionMs + WINDOW_CHANGELOG_EXTRA_RETENTION_MS),
    },
  ];
}

/**
 * Creates the changelog topics (compacted, as many partitions as the source topic: changelog
 * partition p backs the stores of input partition p), the dead-letter topic and the output
 * topics when missing.
 */
export async function ensureInternalTopics(
  admin: Admin,
  applicationId: string,
  topology: Topology,
  replicationFactor: number,
): Promise<void> {
  const sourceTopics = topology.sources.map((s) => s.topic);
  const { topics } = await admin.fetchTopicMetadata({ topics: sourceTopics });
  const partitionsOf = new Map(topics.map((t) => [t.name, t.partitions.length]));
  const existing = new Set(await admin.listTopics());
  const wanted = [];
  for (const store of topology.stores) {
    const numPartitions = partitionsOf.get(store.sourceTopic);
    if (numPartitions === undefined)
      throw new StreamsError('STREAMS_TOPOLOGY_INVALID', `no topic ${store.sourceTopic}`);
    const topic = changelogTopic(applicationId, store.name);
    if (existing.has(topic)) continue;
    wanted.push({ topic, numPartitions, replicationFactor, configEntries: changelogConfig(store) });
  }
  if (!existing.has(topology.deadLetterTopic))
    wanted.push({ topic: topology.deadLetterTopic, numPartitions: 1, replicationFactor });
  // Output topics, when missing, get the input's partitioning: the keys are the same (e.g. a
  // card's payments and its scores land on partitions with the same number), and broker
  // auto-creation would give them a single partition.
  const outputPartitions = Math.max(1, ...partitionsOf.values());
  for (const topic of topology.outputTopics)
    if (!existing.has(topic) && topic !== topology.deadLetterTopic)
      wanted.push({ topic, numPartitions: outputPartitions, replicationFactor });
  if (wanted.length > 0) await admin.createTopics({ topics: wanted, waitForLeaders: true });
  // A changelog with a different partition count would restore the wrong keys into a task.
  const { topics: created } = await admin.fetchTopicMetadata({
    topics: topology.stores.map((s) => changelogTopic(applicationId, s.name)),
  });
  for (const store of topology.stores) {
    const topic = changelogTopic(applicationId, store.name);
    const count = created.find((t) => t.name === topic)?.partitions.length;
    if (count !== partitionsOf.get(store.sourceTopic))
      throw new StreamsError(
        'STREAMS_TOPOLOGY_INVALID',
        `${topic} has ${count} partitions, ${store.sourceTopic} has ${partitionsOf.get(store.sourceTopic)}`,
      );
  }
}
