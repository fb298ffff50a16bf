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
 * Bytes of records per partition per send within a cycle's transaction. kafkajs writes one
 * record batch per partition per request, and the broker refuses a batch over
 * `message.max.bytes` (1 MiB by default): a cycle whose writes to one partition exceed that
 * would fail on every retry.
 */
export const MAX_PARTITION_BYTES_PER_SEND = 768 * 1024;

/** Record size as the broker counts it, near enough: payload plus per-record framing. */
function approximateSize(record: OutgoingRecord): number {
  let size = 70 + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const [name, value] of Object.entries(record.headers ?? {}))
    size += name.length + (value === undefined ? 0 : Buffer.byteLength(String(value)));
  return size;
}

/**
 * The cycle's records as consecutive sends, each grouped by topic: a new send starts when a
 * partition would get more than `maxPartitionBytes` in the current one (a larger record goes
 * alone). Sent in order, they keep each partition's order. Records without a partition count
 * together per topic, as their partition is not known yet.
 */
export function toSends(
  records: readonly OutgoingRecord[],
  maxPartitionBytes = MAX_PARTITION_BYTES_PER_SEND,
): TopicMessages[][] {
  const sends: TopicMessages[][] = [];
  let chunk: OutgoingRecord[] = [];
  let bytes = new Map<string, number>();
  for (const record of records) {
    const size = approximateSize(record);
    const partition = `${record.topic}:${record.partition ?? '?'}`;
    const before = bytes.get(partition) ?? 0;
    if (before > 0 && before + size > maxPartitionBytes) {
      sends.push(toTopicMessages(chunk));
      chunk = [];
      bytes = new Map();
    }
    chunk.push(record);
    bytes.set(partition, (bytes.get(partition) ?? 0) + size);
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
