/**
 * `npm run traffic -w @fraud/loadtest -- --to <file.jsonl|http://host:port> ...`: generates
 * labelled payment traffic into a JSON Lines file, or posts it live to payments-api.
 * Run with --help for every option.
 */
import { createLogger, type Logger } from '@fraud/common';
import { generateTraffic, type TrafficOptions } from '../generator/generate-traffic.js';
import type { GeneratedPayment } from '../generator/generated-payment.js';
import { postTraffic } from '../generator/sinks/post-traffic.js';
import { writeTrafficFile } from '../generator/sinks/traffic-file.js';
import { parseTrafficArgs, USAGE, UsageError, type TrafficArgs } from './parse-args.js';
import { StreamTally } from './stream-tally.js';

async function toFile(
  args: TrafficArgs,
  path: string,
  traffic: Iterable<GeneratedPayment>,
  logger: Logger,
) {
  const tally = new StreamTally();
  const started = performance.now();
  const progress = setInterval(
    () => logger.info({ written: tally.payments, fraud: tally.fraud }, 'writing'),
    2000,
  );
  try {
    await writeTrafficFile(path, tally.pass(traffic, args.limit));
  } finally {
    clearInterval(progress);
  }
  const ms = Math.round(performance.now() - started);
  return {
    to: path,
    ...tally.summary(),
    ms,
    generatedPerSecond: ms > 0 ? Math.round((tally.payments * 1000) / ms) : null,
  };
}

async function toApi(
  args: TrafficArgs,
  baseUrl: string,
  traffic: Iterable<GeneratedPayment>,
  logger: Logger,
) {
  const tally = new StreamTally();
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    logger.info({ signal }, 'stopping: finishing the requests in flight');
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await postTraffic({
      baseUrl,
      payments: tally.pass(traffic, args.limit),
      ratePerSecond: args.rate,
      concurrency: args.concurrency,
      signal: stop.signal,
      logger,
      onProgress: (p) => logger.info(p, 'posting'),
    });
    return { to: baseUrl, ...tally.summary(), ...result };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(): Promise<number> {
  const logger = createLogger({ name: 'traffic', level: 'info', destination: process.stderr });
  let args: TrafficArgs | undefined;
  try {
    args = parseTrafficArgs(process.argv.slice(2), Date.now());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const options: TrafficOptions = {
    seed: args.seed,
    startMs: args.startMs,
    durationMs: args.durationMs,
    paymentsPerSecond: args.rate,
    fraudRate: args.fraudRate,
    patterns: args.patterns,
  };
  logger.info(
    { ...options, to: args.target, start: new Date(args.startMs).toISOString() },
    'generating traffic',
  );
  const traffic = generateTraffic(options);
  if (args.target.kind === 'file') {
    const summary = await toFile(args, args.target.path, traffic, logger);
    logger.info(summary, 'traffic written');
    console.log(JSON.stringify(summary));
    return 0;
  }
  const summary = await toApi(args, args.target.baseUrl, traffic, logger);
  logger.info(summary, summary.rejected > 0 ? 'traffic posted, some rejected' : 'traffic posted');
  console.log(JSON.stringify(summary));
  return summary.rejected > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // A write that fails or options the generator refuses: one clear line, not a stack dump.
  console.error(`traffic: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
