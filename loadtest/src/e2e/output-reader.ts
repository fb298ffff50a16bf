import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTsWorker, type LoggerOptions } from '@fraud/common';
import { ArrivalLog } from './latency.js';

export interface OutputReaderOptions {
  brokers: readonly string[];
  clientId: string;
  registryUrl: string;
  /**
   * Its offsets on `cdcTopic` must be set beforehand (where the run starts); the two output
   * topics are read from their beginning.
   */
  groupId: string;
  /** The payments CDC topic the topology reads: its records show the CDC part of the latency. */
  cdcTopic: string;
  scoredTopic: string;
  alertsTopic: string;
  /** Of the reader's own log (kafkajs, undecodable records). */
  logLevel: NonNullable<LoggerOptions['level']>;
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

/** What the reader's thread tells the bench. */
export type ReaderMessage =
  | { kind: 'joined' }
  | {
      kind: 'arrivals';
      log: 'cdc' | 'scored' | 'alerts';
      eventTimes: number[];
      processedAts: number[];
      arrivedAt: number;
    }
  | { kind: 'undecodable'; count: number }
  | { kind: 'failed'; message: string }
  | { kind: 'stopped' };

/**
 * Reads the payments CDC topic and the topology's two outputs as a downstream consumer would
 * (read_committed, Avro through the registry) and notes when each record arrives. It runs in a
 * thread of its own: on the bench's event loop, busy posting payments, arrivals were stamped
 * late (by 20–37 ms at p99 at 500 payments/s), which the latencies then included. Resolves once
 * the consumer has joined its group, so no record of the run waits on a rebalance.
 */
export async function startOutputReader(options: OutputReaderOptions): Promise<OutputReader> {
  const logs = { cdc: new ArrivalLog(), scored: new ArrivalLog(), alerts: new ArrivalLog() };
  const worker = startTsWorker(new URL('./output-reader-worker.ts', import.meta.url), {
    ...options,
  });
  const exited = once(worker, 'exit');
  let onJoin: () => void = () => undefined;
  const joined = new Promise<void>((resolve) => (onJoin = resolve));
  let onFailure: (reason: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => (onFailure = resolve));
  let onStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (onStopped = resolve));
  const reader: OutputReader = {
    ...logs,
    undecodable: 0,
    async stop() {
      worker.postMessage('stop');
      await Promise.race([stopped, exited, sleep(10_000)]);
      await worker.terminate();
    },
  };
  worker.on('message', (message: ReaderMessage) => {
    switch (message.kind) {
      case 'joined':
        onJoin();
        break;
      case 'arrivals': {
        const { eventTimes, processedAts, arrivedAt } = message;
        const log = logs[message.log];
        eventTimes.forEach((eventTime, i) =>
          log.add({ eventTime, processedAt: processedAts[i] ?? eventTime, arrivedAt }),
        );
        break;
      }
      case 'undecodable':
        reader.undecodable = message.count;
        break;
      case 'failed':
        onFailure(message.message);
        break;
      case 'stopped':
        onStopped();
        break;
    }
  });
  worker.on('error', (error) => onFailure(error.message));
  const problem = await Promise.race([
    joined.then(() => undefined),
    failed,
    exited.then(() => 'its thread exited'),
    sleep(60_000, 'it did not join its group within 60 s', { ref: false }),
  ]);
  if (problem !== undefined) {
    await worker.terminate();
    throw new Error(`the output reader failed: ${problem}`);
  }
  return reader;
}
