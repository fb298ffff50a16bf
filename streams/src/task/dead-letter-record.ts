import { DEAD_LETTER_HEADERS } from '@fraud/common';
import type { OutgoingRecord, RawRecord } from '../records/index.js';
import type { DeadLetterReason } from '../topology/index.js';

export { DEAD_LETTER_HEADERS } from '@fraud/common';

export function deadLetterRecord(
  deadLetterTopic: string,
  applicationId: string,
  source: RawRecord,
  reason: DeadLetterReason,
  detail: string,
): OutgoingRecord {
  const h = DEAD_LETTER_HEADERS;
  return {
    topic: deadLetterTopic,
    key: source.key,
    value: source.value,
    timestamp: source.timestamp,
    headers: {
      ...source.headers,
      [h.topic]: Buffer.from(source.topic),
      [h.partition]: Buffer.from(String(source.partition)),
      [h.offset]: Buffer.from(source.offset),
      [h.reason]: Buffer.from(reason),
      [h.detail]: Buffer.from(detail.slice(0, 1000)),
      [h.application]: Buffer.from(applicationId),
    },
  };
}
