/**
 * The output reader's thread (see output-reader.ts): consumes the payments CDC topic and the
 * topology's outputs, stamps each fetched batch's arrival on its own event loop, and posts the
 * timings to the bench.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { KafkaMessage } from 'kafkajs';
import { createKafka, createLogger, createRegistry } from '@fraud/common';
import {
  createAvroDecoder,
  FRAUD_ALERT_SCHEMA,
  SCORED_PAYMENT_SCHEMA,
  type AvroDecoder,
} from '@fraud/schemas';
import { cdcCommitTime } from './cdc-commit-time.js';
import type { OutputReaderOptions, ReaderMessage } from './output-reader.js';

const options = workerData as OutputReaderOptions;
const port = parentPort;
if (port === null) throw new Error('output-reader-worker.ts runs as a worker thread');
const post = (message: ReaderMessage) => port.postMessage(message);

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

const logger = createLogger({ name: 'bench-e2e-reader', level: options.logLevel });
const kafka = createKafka({ brokers: [...options.brokers], clientId: options.clientId, logger });
const registry = createRegistry({ url: options.registryUrl, clientId: options.clientId });
const readers = new Map<string, { read: Read; log: 'cdc' | 'scored' | 'alerts' }>([
  [options.cdcTopic, { read: debezium, log: 'cdc' }],
  [
    options.scoredTopic,
    {
      read: avro(createAvroDecoder({ registry, readerSchema: SCORED_PAYMENT_SCHEMA })),
      log: 'scored',
    },
  ],
  [
    options.alertsTopic,
    {
      read: avro(createAvroDecoder({ registry, readerSchema: FRAUD_ALERT_SCHEMA })),
      log: 'alerts',
    },
  ],
]);

const consumer = kafka.consumer({
  groupId: options.groupId,
  readUncommitted: false,
  // Returns as soon as a record is there; bounds only the idle poll.
  maxWaitTimeInMs: 100,
});
consumer.on(consumer.events.GROUP_JOIN, () => post({ kind: 'joined' }));
port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  consumer
    .disconnect()
    .catch((error: unknown) =>
      logger.warn({ err: error }, 'output reader did not disconnect cleanly'),
    )
    .then(() => post({ kind: 'stopped' }));
});

let undecodable = 0;
try {
  await consumer.connect();
  await consumer.subscribe({ topics: [...readers.keys()], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const arrivedAt = Date.now();
      const target = readers.get(batch.topic);
      if (!target) return;
      const eventTimes: number[] = [];
      const processedAts: number[] = [];
      for (const message of batch.messages) {
        const { value } = message;
        if (value === null) continue;
        try {
          const record = await target.read({ ...message, value });
          if (record) {
            eventTimes.push(record.eventTime);
            processedAts.push(record.processedAt);
          }
        } catch (error) {
          if (undecodable++ === 0)
            logger.warn(
              { err: error, topic: batch.topic, offset: message.offset },
              'undecodable record',
            );
          post({ kind: 'undecodable', count: undecodable });
        }
      }
      if (eventTimes.length > 0)
        post({ kind: 'arrivals', log: target.log, eventTimes, processedAts, arrivedAt });
    },
  });
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
