import type { IHeaders, Message } from 'kafkajs';

/**
 * Header names of dead-letter records, whichever stage writes them (the streams runtime, the
 * lake sink, alerts-api), so one tool reads every dead letter. The original key, value and
 * headers are kept as they were.
 */
export const DEAD_LETTER_HEADERS = {
  topic: 'dlq.topic',
  partition: 'dlq.partition',
  offset: 'dlq.offset',
  reason: 'dlq.reason',
  detail: 'dlq.detail',
  application: 'dlq.application',
} as const;

/** A consumed record that could not be used. */
export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  headers?: IHeaders | undefined;
}

const MAX_DETAIL = 1000;

/** The dead-letter record of `source`: its bytes untouched, where it came from and why. */
export function deadLetterMessage(
  source: DeadLetterSource,
  reason: string,
  detail: string,
  application: string,
): Message {
  const h = DEAD_LETTER_HEADERS;
  return {
    key: source.key,
    value: source.value,
    timestamp: source.timestamp,
    headers: {
      ...source.headers,
      [h.topic]: source.topic,
      [h.partition]: String(source.partition),
      [h.offset]: source.offset,
      [h.reason]: reason,
      [h.detail]: detail.slice(0, MAX_DETAIL),
      [h.application]: application,
    },
  };
}
