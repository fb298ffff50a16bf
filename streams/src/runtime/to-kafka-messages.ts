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

/**
 * Bytes of records per send within a cycle's transaction. kafkajs writes one record batch per
 * partition per request, and the broker refuses a batch over `message.max.bytes` (1 MiB by
 * default): a cycle whose writes to one partition exceed that would fail on every retry.
 */
export const MAX_SEND_BYTES = 512 * 1024;

/** Record size as the broker counts it, near enough: payload plus per-record framing. */
function approximateSize(record: OutgoingRecord): number {
  let size = 70 + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const [name, value] of Object.entries(record.headers ?? {}))
    size += name.length + (value === undefined ? 0 : Buffer.byteLength(String(value)));
  return size;
}

/**
 * The cycle's records cut into consecutive sends of at most `maxBytes` (a larger record goes
 * alone), each grouped by topic; sent in order, they keep each partition's order.
 */
export function toSends(
  records: readonly OutgoingRecord[],
  maxBytes = MAX_SEND_BYTES,
): TopicMessages[][] {
  const sends: TopicMessages[][] = [];
  let chunk: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = approximateSize(record);
    if (chunk.length > 0 && bytes + size > maxBytes) {
      sends.push(toTopicMessages(chunk));
      chunk = [];
      bytes = 0;
    }
    chunk.push(record);
    bytes += size;
  }
  if (chunk.length > 0) sends.push(toTopicMessages(chunk));
  return sends;
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
