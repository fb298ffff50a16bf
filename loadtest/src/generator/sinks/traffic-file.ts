import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { TrafficError } from '../errors.js';
import { GeneratedPayment } from '../generated-payment.js';

const checkPayment = TypeCompiler.Compile(GeneratedPayment);

/**
 * Writes payments as JSON Lines, one payment per line, honouring back-pressure so a stream of
 * millions never sits in memory. Resolves with the number written.
 */
export async function writeTrafficFile(
  path: string,
  payments: Iterable<GeneratedPayment> | AsyncIterable<GeneratedPayment>,
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]: unknown[]) => {
    throw error;
  });
  failed.catch(() => {});
  let count = 0;
  let chunk = '';
  const flush = async () => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
    chunk = '';
  };
  for await (const payment of payments) {
    chunk += `${JSON.stringify(payment)}\n`;
    count++;
    // Batching lines into ~64 KiB writes is several times faster than a write per line.
    if (chunk.length >= 65_536) await flush();
  }
  if (chunk.length > 0) await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}

/**
 * Reads a JSON Lines traffic file back, lazily. A line that is not a valid payment stops the
 * read with the line number and the first problem, rather than being skipped.
 */
export async function* readTrafficFile(path: string): AsyncGenerator<GeneratedPayment> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new TrafficError('INVALID_TRAFFIC_FILE', `${path}:${lineNumber}: not JSON`, {
        cause: error,
      });
    }
    if (!checkPayment.Check(value)) {
      const problem = checkPayment.Errors(value).First();
      throw new TrafficError(
        'INVALID_TRAFFIC_FILE',
        `${path}:${lineNumber}: not a generated payment (${problem?.path ?? ''} ${problem?.message ?? ''})`,
      );
    }
    yield value;
  }
}
