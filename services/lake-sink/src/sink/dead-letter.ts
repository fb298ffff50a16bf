import type { KafkaMessage, Message } from 'kafkajs';
import { deadLetterMessage } from '@fraud/common';

/**
 * `deserialization`: the bytes are not an Avro record the sink can read (corrupt, unknown or
 * incompatible writer schema); `invalid-row`: the record decodes but the table cannot hold it.
 */
export type DeadLetterReason = 'deserialization' | 'invalid-row';

export interface DeadLetter {
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: DeadLetterReason;
  readonly detail: string;
}

/**
 * The dead-letter record of one source record: its bytes as they were, where it came from and
 * why in the headers every stage uses (`DEAD_LETTER_HEADERS` of @fraud/common).
 */
export const sinkDeadLetter = (topic: string, application: string, dead: DeadLetter): Message =>
  deadLetterMessage(
    {
      topic,
      partition: dead.partition,
      offset: dead.message.offset,
      key: dead.message.key,
      value: dead.message.value,
      timestamp: dead.message.timestamp,
      headers: dead.message.headers,
    },
    dead.reason,
    dead.detail,
    application,
  );
