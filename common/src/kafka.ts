import { createRequire } from 'node:module';
import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Extra kafkajs settings (retry, timeouts); brokers, clientId and logging are set here. */
  overrides?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logLevel' | 'logCreator'>;
}

const pinoLevel = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
  [logLevel.NOTHING]: 'silent',
} as const;

const kafkajsLevel = (logger: Logger): logLevel => {
  switch (logger.level) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
};

// kafkajs logs at error level every error response and every send it is about to retry,
// including the retriable protocol errors it retries itself: CONCURRENT_TRANSACTIONS while the
// coordinator completes the previous commit (a few a minute at 500 payments/s), a coordinator
// still loading, a leader that moved. Those are routine and go to debug; what kafkajs gives up
// on reaches the caller, which logs it. Its error table is internal (no types).
const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
  errorCodes: { message: string; retriable: boolean }[];
};
const retriableMessages: ReadonlySet<string> = new Set(
  errorCodes.filter((e) => e.retriable).map((e) => e.message),
);

/** Whether a kafkajs error-level log entry is a retriable protocol error kafkajs retries. */
function isRoutineKafkaError(message: string, fields: Record<string, unknown>): boolean {
  const error = fields['error'];
  return retriableMessages.has(
    typeof error === 'string' ? error : message.replace(/^Failed to send messages: /, ''),
  );
}

/** A kafkajs client whose logs go through pino, one child logger per kafkajs namespace. */
export function createKafka({ brokers, clientId, logger, overrides }: KafkaClientOptions): Kafka {
  // The default partitioner is the Java client's (murmur2), which is what every producer here
  // wants: kafkajs warns about its v2 change on each producer unless told it is known.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    ...overrides,
    brokers,
    clientId,
    logLevel: kafkajsLevel(logger),
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
        const method =
          level === logLevel.ERROR && isRoutineKafkaError(message, fields)
            ? 'debug'
            : (pinoLevel[level as keyof typeof pinoLevel] ?? 'info');
        if (method !== 'silent') kafkaLogger[method]({ namespace, ...fields }, message);
      },
  });
}
