/** The default names of the topics the topology writes (each configurable where it is used). */
export const TOPICS = {
  scored: 'payments.scored',
  alerts: 'fraud.alerts',
  labels: 'fraud.labels',
  dlq: 'payments.dlq',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Confluent's TopicNameStrategy: a topic's record values are registered under `<topic>-value`. */
export const valueSubject = (topic: string): string => `${topic}-value`;
