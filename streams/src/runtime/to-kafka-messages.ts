import type { IHeaders, Message, TopicMessages } from 'kafkajs';
import type { Headers, OutgoingRecord } from '../records/index.js';

function toKafkaHeaders(headers: Headers | undefined): IHeaders | undefined {
  if (!headers) return undefined;
  const out: IHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined)
      out[name] = typeof value === 'string' || Buffer.isBuffer(value) ? value : [...value];
  return out;
}

/** One entry per topic, records in the order the task produced them. */
export function toTopicMessages(records: readonly OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (!messages) byTopic.set(record.topic, (messages = []));
    const headers = toKafkaHeaders(record.headers);
    messages.push({
      key: record.key,
      value: record.value,
      timestamp: String(record.timestamp),
      ...(record.partition === undefined ? {} : { partition: record.partition }),
      ...(headers === undefined ? {} : { headers }),
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
