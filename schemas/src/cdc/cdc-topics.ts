import type { Kafka } from 'kafkajs';
import type { ConnectorConfig } from './connector-config.js';

export interface CdcTopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
}

const TOPIC_SETTINGS: Readonly<Record<string, string>> = {
  'cleanup.policy': 'cleanup.policy',
  'retention.ms': 'retention.ms',
};

/**
 * The CDC topics as the connector config declares them (`topic.creation.*`), one per table of
 * `table.include.list`. Creating them up front means a consumer that starts before the first
 * change (the topology, a test) never races Debezium, and never auto-creates a topic with the
 * broker's defaults instead of these settings.
 */
export function cdcTopicSpecs(config: ConnectorConfig): CdcTopicSpec[] {
  const prefix = config['topic.prefix'] ?? 'pg';
  const groups = (config['topic.creation.groups'] ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return (config['table.include.list'] ?? '')
    .split(',')
    .map((table) => `${prefix}.${table.trim()}`)
    .map((topic) => {
      const group =
        groups.find((g) =>
          new RegExp(`^(?:${config[`topic.creation.${g}.include`] ?? '$^'})$`).test(topic),
        ) ?? 'default';
      const setting = (name: string) =>
        config[`topic.creation.${group}.${name}`] ?? config[`topic.creation.default.${name}`];
      return {
        topic,
        numPartitions: Number(setting('partitions') ?? 1),
        replicationFactor: Number(config['topic.creation.default.replication.factor'] ?? 1),
        configEntries: Object.entries(TOPIC_SETTINGS).flatMap(([key, name]) => {
          const value = setting(key);
          return value === undefined ? [] : [{ name, value }];
        }),
      };
    });
}

/** Creates the CDC topics that do not exist yet; returns the names it created. */
export async function ensureCdcTopics(
  kafka: Kafka,
  specs: readonly CdcTopicSpec[],
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}
