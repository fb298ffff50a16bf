import type { KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import { DeserializationError, type AvroDecoder } from '@fraud/schemas';
import type { NewStreamEvent } from '../live/event-log.js';
import type { DeadLetterReason } from './dead-letter.js';

export interface Rejection {
  message: KafkaMessage;
  reason: DeadLetterReason;
  detail: string;
}

export interface DecodedBatch {
  rejected: Rejection[];
  accepted: number;
  /** Stores the accepted records at offsets >= `fromOffset` in the caller's transaction. */
  store(client: pg.ClientBase, fromOffset: bigint): Promise<NewStreamEvent[]>;
}

/** How one topic's records become rows. */
export interface TopicHandler {
  topic: string;
  /**
   * Decodes and checks a batch. Bad records are returned as rejections (for the dead-letter
   * topic); an error that may pass (schema registry unreachable) is thrown, to retry the batch.
   */
  decode(messages: readonly KafkaMessage[]): Promise<DecodedBatch>;
}

export interface RecordHandlerOptions<T> {
  topic: string;
  decoder: Pick<AvroDecoder<T>, 'decode'>;
  /** Problems of a decoded record that the store would refuse; empty when valid. */
  problems: (record: T) => string[];
  store: (client: pg.ClientBase, records: T[]) => Promise<NewStreamEvent[]>;
}

export function recordHandler<T>({
  topic,
  decoder,
  problems,
  store,
}: RecordHandlerOptions<T>): TopicHandler {
  return {
    topic,
    async decode(messages) {
      const rejected: Rejection[] = [];
      const accepted: { offset: bigint; record: T }[] = [];
      for (const message of messages) {
        if (message.value === null || message.value.length === 0) {
          rejected.push({ message, reason: 'deserialization', detail: 'the record has no value' });
          continue;
        }
        let record: T;
        try {
          record = await decoder.decode(message.value);
        } catch (error) {
          if (!(error instanceof DeserializationError)) throw error;
          rejected.push({
            message,
            reason: 'deserialization',
            detail: `${error.code}: ${error.message}`,
          });
          continue;
        }
        const found = problems(record);
        if (found.length > 0) {
          rejected.push({ message, reason: 'invalid-record', detail: found.join('; ') });
          continue;
        }
        accepted.push({ offset: BigInt(message.offset), record });
      }
      return {
        rejected,
        accepted: accepted.length,
        store: (client, fromOffset) =>
          store(
            client,
            accepted.filter((a) => a.offset >= fromOffset).map((a) => a.record),
          ),
      };
    },
  };
}
