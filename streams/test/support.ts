import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { Kafka } from 'kafkajs';
import { createKafka, createLogger, loadServiceConfig, parseBrokers } from '@fraud/common';
import { loadStackConfig } from '@fraud/stack';

/**
 * A kafkajs client on the local stack (or on `brokers`, e.g. a test's private broker) and a
 * suffix that keeps each run's topics apart.
 */
export function testKafka(
  name: string,
  brokers?: string,
): { kafka: Kafka; brokers: string; suffix: string } {
  const list = brokers ?? loadServiceConfig(Type.Object({})).KAFKA_BROKERS;
  const logger = createLogger({ name, level: (process.env.IT_LOG as 'info') ?? 'error' });
  return {
    kafka: createKafka({ brokers: parseBrokers(list), clientId: name, logger }),
    brokers: list,
    suffix: randomUUID().slice(0, 8),
  };
}

export interface ReadRecord {
  key: Buffer | null;
  value: Buffer | null;
  partition: number;
  offset: string;
  headers: Record<string, unknown>;
}

/**
 * Reads a topic with kafkajs's read_committed from the beginning (or from the offsets in `from`,
 * per partition) until `done` holds for what was read, then `settleMs` more so that duplicates
 * arriving after that are seen too; fails after the timeout with what was seen.
 */
export async function readCommitted(
  kafka: Kafka,
  topic: string,
  done: (records: ReadRecord[]) => boolean,
  {
    timeoutMs = 60_000,
    settleMs = 0,
    from,
  }: { timeoutMs?: number; settleMs?: number; from?: ReadonlyMap<number, bigint> } = {},
): Promise<ReadRecord[]> {
  // kafkajs 2.2.4 drops aborted records correctly only when the aborted transactions of a
  // partition began in the order they ended (filterAbortedMessages expects the broker's list in
  // first-offset order; the broker sends it in abort order): aborts of several producers that
  // interleave, as after a broker restart, leak. `readCommittedWithJava` has no such gap.
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, readUncommitted: false });
  await consumer.connect();
  const records: ReadRecord[] = [];
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out reading ${topic}: ${records.length} records`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          records.push({
            key: message.key,
            value: message.value,
            partition,
            offset: message.offset,
            headers: message.headers ?? {},
          });
          if (done(records)) {
            clearTimeout(timer);
            setTimeout(resolve, settleMs);
          }
        },
      });
      for (const [partition, offset] of from ?? [])
        consumer.seek({ topic, partition, offset: String(offset) });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Reads a whole topic with Kafka's own console consumer (`--isolation-level read_committed`),
 * from the jars the stack runs on: an independent reader for exactly-once assertions. Stops
 * when no record arrived for `idleMs`.
 */
export async function readCommittedWithJava(
  brokers: string,
  topic: string,
  { idleMs = 5000 } = {},
): Promise<ReadRecord[]> {
  const { distDir, versions } = loadStackConfig();
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const bytes = 'org.apache.kafka.common.serialization.BytesDeserializer';
  // prettier-ignore
  const args = [
    '-cp', join(distDir, `kafka-${versions.kafka}`, 'libs', '*'),
    '-Dlog4j.configuration=file:/dev/null',
    'org.apache.kafka.tools.consumer.ConsoleConsumer',
    '--bootstrap-server', brokers, '--topic', topic, '--from-beginning',
    '--isolation-level', 'read_committed', '--timeout-ms', String(idleMs),
    '--property', 'print.partition=true', '--property', 'print.offset=true',
    '--property', 'print.key=true',
    '--property', `key.deserializer=${bytes}`, '--property', `value.deserializer=${bytes}`,
  ];
  const { stdout, stderr, code } = await new Promise<{
    stdout: string;
    stderr: string;
    code: number | null;
  }>((resolve, reject) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString(),
        code: exitCode,
      }),
    );
  });
  // It exits 0 after the idle timeout as well as after reading everything.
  if (code !== 0) throw new Error(`console consumer failed (${code}): ${stderr}`);
  // Bytes.toString prints printable ASCII as is and every other byte (tab, '\\' too) as \xNN.
  const unescape = (text: string): Buffer | null =>
    text === 'null'
      ? null
      : Buffer.from(
          text.replace(/\\x([0-9A-F]{2})/g, (_, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          ),
          'latin1',
        );
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('Partition:'))
    .map((line) => {
      const [partition = '', offset = '', key = '', value = ''] = line.split('\t');
      return {
        partition: Number(partition.slice('Partition:'.length)),
        offset: offset.slice('Offset:'.length),
        key: unescape(key),
        value: unescape(value),
        headers: {},
      };
    });
}
