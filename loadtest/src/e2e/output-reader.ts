import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '@fraud/common';
import {
  createAvroDecoder,
  FRAUD_ALERT_SCHEMA,
  SCORED_PAYMENT_SCHEMA,
  type AvroDecoder,
  type WriterSchemaSource,
} from '@fraud/schemas';
import { cdcCommitTime } from './cdc-commit-time.js';
import { ArrivalLog } from './latency.js';

export interface OutputReaderOptions {
  kafka: Kafka;
  registry: WriterSchemaSource;
  /**
   * Its offsets on `cdcTopic` must be set beforehand (where the run starts); the two output
   * topics are read from their beginning.
   */
  groupId: string;
  /** The payments CDC topic the topology reads: its records show the CDC part of the latency. */
  cdcTopic: string;
  scoredTopic: string;
  alertsTopic: string;
  logger: Logger;
}

export interface OutputReader {
  /** Change events of created payments; processedAt is the record's Kafka timestamp. */
  cdc: ArrivalLog;
  scored: ArrivalLog;
  alerts: ArrivalLog;
  /** Output records that did not decode as their topic's schema, counted (and logged once). */
  undecodable: number;
  stop(): Promise<void>;
}

type Timed = { eventTime: number; processedAt: number };
type Read = (message: KafkaMessage & { value: Buffer }) => Promise<Timed | undefined>;

const avro =
  (decoder: AvroDecoder<Timed>): Read =>
  async ({ value }) =>
    decoder.decodeSync(value) ?? (await decoder.decode(value));

const debezium: Read = async ({ value, timestamp }) => {
  const eventTime = cdcCommitTime(value);
  return eventTime === undefined ? undefined : { eventTime, processedAt: Number(timestamp) };
};

/**
 * Reads the payments CDC topic and the topology's two outputs as a downstream consumer would
 * (read_committed, Avro through the registry) and notes when each record arrives. Resolves
 * once the consumer has joined its group, so no record of the run waits on a rebalance.
 */
export async function startOutputReader(options: OutputReaderOptions): Promise<OutputReader> {
  const { kafka, registry, cdcTopic, scoredTopic, alertsTopic, logger } = options;
  const logs = { cdc: new ArrivalLog(), scored: new ArrivalLog(), alerts: new ArrivalLog() };
  const readers = new Map<string, { read: Read; log: ArrivalLog }>([
    [cdcTopic, { read: debezium, log: logs.cdc }],
    [
      scoredTopic,
      {
        read: avro(createAvroDecoder({ registry, readerSchema: SCORED_PAYMENT_SCHEMA })),
        log: logs.scored,
      },
    ],
    [
      alertsTopic,
      {
        read: avro(createAvroDecoder({ registry, readerSchema: FRAUD_ALERT_SCHEMA })),
        log: logs.alerts,
      },
    ],
  ]);
  const consumer = kafka.consumer({
    groupId: options.groupId,
    readUncommitted: false,
    // Returns as soon as a record is there; bounds only the idle poll.
    maxWaitTimeInMs: 100,
  });
  const reader: OutputReader = { ...logs, undecodable: 0, stop: () => consumer.disconnect() };
  let onJoin: () => void = () => undefined;
  const joined = new Promise<void>((resolve) => (onJoin = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => onJoin());
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...readers.keys()], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const arrivedAt = Date.now();
        const target = readers.get(batch.topic);
        if (!target) return;
        for (const message of batch.messages) {
          const { value } = message;
          if (value === null) continue;
          try {
            const record = await target.read({ ...message, value });
            if (record) {
              target.log.add({
                eventTime: record.eventTime,
                processedAt: record.processedAt,
                arrivedAt,
              });
            }
          } catch (error) {
            if (reader.undecodable++ === 0) {
              logger.warn(
                { err: error, topic: batch.topic, offset: message.offset },
                'undecodable record',
              );
            }
          }
        }
      },
    });
    const timeout = sleep(60_000, 'timeout', { ref: false });
    if ((await Promise.race([joined, timeout])) === 'timeout') {
      throw new Error('the output reader did not join its group within 60 s');
    }
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }
  return reader;
}
