/**
 * `npm run bench -- e2e [--rate 500] [--duration 5m] [--sweep] [--json]`: the whole pipeline
 * on the local stack, measured from the outside.
 *
 * Brings the stack up (or reuses it), starts payments-api, the fraud topology, alerts-api and
 * lake-sink in their own processes on ports of their own, with a topology group, output topics,
 * alerts schema and lake catalog named for this run (so a demo or the tests running beside it
 * are not disturbed), then posts generated payments (fraud injected) at a fixed rate. It
 * measures the latency from the payment's commit in PostgreSQL (Debezium's source.ts_ms, the
 * records' eventTime) to the scored record and to the alert arriving at a read_committed
 * consumer, the topology's lag on the payments CDC topic, and CPU/RSS of every process of the
 * stack and the services from /proc. `--sweep` steps the rate up until the p99 target or a
 * steady lag is missed and reports the highest rate that met both. Everything the run created
 * is removed at the end, also on Ctrl-C. `--help` lists the options.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import pg from 'pg';
import { createKafka, createLogger, loadServiceConfig, parseBrokers } from '@fraud/common';
import { loadStackConfig, status, up } from '@fraud/stack';
import { generateTraffic, postTraffic, type PostTrafficProgress } from '../src/index.js';
import {
  benchRun,
  cleanUpRun,
  E2E_USAGE,
  formatBytes,
  formatStep,
  highestPassingRate,
  logProblems,
  parseBenchOptions,
  PIPELINE_SERVICES,
  portAnswers,
  ProcessSampler,
  readGroupLag,
  serviceEnv,
  spawnService,
  startOutputReader,
  stepResult,
  summarizeLatency,
  sweepRates,
  type E2eBenchOptions,
  type LagSample,
  type OutputReader,
  type ServiceProcess,
  type StepResult,
} from '../src/e2e/index.js';

const TOTAL_RSS_TARGET = 4 * 1024 ** 3;
const say = (line: string) => process.stdout.write(`${line}\n`);

let options: E2eBenchOptions;
try {
  if (process.argv.includes('--help')) {
    say(E2E_USAGE);
    process.exit(0);
  }
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${E2E_USAGE}`);
  process.exit(2);
}

const LOG_LEVEL = 'warn';
const logger = createLogger({ name: 'bench-e2e', level: LOG_LEVEL });
const stack = loadStackConfig();
const config = loadServiceConfig(Type.Object({}));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadAtStart = load();
const plan = options.sweep
  ? `sweep from ${options.rate}/s by ${options.sweep.stepRate}/s up to ${options.sweep.maxRate}/s, ${options.durationS} s per step`
  : `${options.rate} payments/s for ${options.durationS} s`;
say(
  `bench e2e: ${plan} after ${options.warmupS} s of warm-up, ${(options.fraudRate * 100).toFixed(1)}% fraud; p99 target ${options.p99TargetMs} ms`,
);
say(
  `  machine: ${cpus().length} cores, ${formatBytes(totalmem())} RAM, load average ${loadAtStart}`,
);
await up(stack, { progress: (line) => say(`  ${line}`) });

const id = randomUUID().replaceAll('-', '').slice(0, 8);
const run = benchRun(id, await mkdtemp(join(tmpdir(), `bench-e2e-${id}-`)));
const logDir = join(stack.logDir, 'bench-e2e');
mkdirSync(logDir, { recursive: true });
const brokers = parseBrokers(config.KAFKA_BROKERS);
const kafka = createKafka({
  brokers,
  clientId: run.applicationId,
  logger,
});
const admin = kafka.admin();
await admin.connect();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
const services: ServiceProcess[] = [];
const traffic = new AbortController();
let reader: OutputReader | undefined;

const sampler = new ProcessSampler();
for (const component of await status(stack)) {
  if (component.pid === undefined) continue;
  sampler.watch({
    name: component.name,
    pid: component.pid,
    group: 'stack',
    withDescendants: true,
  });
}
sampler.watch({ name: 'bench driver', pid: process.pid, group: 'driver', withDescendants: false });
const lagSamples: LagSample[] = [];
let sampling = false;
const sampleOnce = async () => {
  if (sampling) return;
  sampling = true;
  try {
    await sampler.sample();
    lagSamples.push({
      atMs: Date.now(),
      lag: await readGroupLag(admin, run.applicationId, run.topics.payments),
    });
  } catch (error) {
    logger.warn({ err: error }, 'sampling failed');
  } finally {
    sampling = false;
  }
};
const sampleTimer = setInterval(() => void sampleOnce(), options.sampleEveryS * 1000);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    traffic.abort();
    clearInterval(sampleTimer);
    await reader?.stop().catch((error: unknown) => logger.warn({ err: error }, 'reader stop'));
    for (const service of [...services].reverse()) await service.stop();
    const failures = await cleanUpRun({
      run,
      admin,
      pool,
      registryUrl: config.SCHEMA_REGISTRY_URL,
      logger,
      progress: say,
    });
    await admin.disconnect();
    await pool.end();
    say(
      failures.length === 0
        ? `clean-up: the run's topics, groups, subjects, alerts schema, lake rows and scratch files are removed (service logs stay in ${logDir})`
        : `clean-up: could not remove ${failures.join(', ')} (see the warnings above)`,
    );
  })());
const onSignal = (signal: string) => {
  say(`\n${signal}: stopping the traffic and the services, cleaning up`);
  void cleanUp().finally(() => process.exit(130));
};
process.once('SIGINT', () => onSignal('SIGINT'));
process.once('SIGTERM', () => onSignal('SIGTERM'));

/** Starts the services that exist; payments-api and the topology are required, the rest not. */
async function startServices(): Promise<{ ran: string[]; skipped: string[] }> {
  const ran: string[] = [];
  const skipped: string[] = [];
  // Readiness is probed over HTTP: a leftover process on a port would pass for the service.
  for (const index of PIPELINE_SERVICES.keys()) {
    const port = options.portBase + index;
    if (await portAnswers(port)) {
      throw new Error(`port ${port} is in use; choose other ports with --port-base`);
    }
  }
  for (const [index, service] of PIPELINE_SERVICES.entries()) {
    const required = service.name === 'payments-api' || service.name === 'fraud-topology';
    if (!existsSync(join(stack.root, service.entry))) {
      if (required) throw new Error(`${service.entry} is missing`);
      skipped.push(`${service.name} (no ${service.entry})`);
      continue;
    }
    const logFile = join(logDir, `${service.name}.log`);
    writeFileSync(logFile, '');
    const started = Date.now();
    const child = spawnService({
      name: service.name,
      root: stack.root,
      entry: service.entry,
      port: options.portBase + index,
      logFile,
      env: serviceEnv(service.name, run, options.logLevel),
      niceness: service.niceness ?? 0,
    });
    services.push(child);
    try {
      await child.ready;
    } catch (error) {
      await child.stop(5000);
      services.splice(services.indexOf(child), 1);
      if (required || traffic.signal.aborted) throw error;
      skipped.push(`${service.name} (${error instanceof Error ? error.message : String(error)})`);
      say(`  ✗ ${service.name.padEnd(14)} not ready, left out: see ${logFile}`);
      continue;
    }
    if (child.pid !== undefined) {
      sampler.watch({
        name: service.name,
        pid: child.pid,
        group: 'service',
        withDescendants: true,
      });
    }
    ran.push(service.name);
    say(
      `  ✓ ${service.name.padEnd(14)} ${child.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return { ran, skipped };
}

/** One progress line: the traffic, and what came out since the previous line. */
function progressReporter(rate: number, out: OutputReader) {
  let scoredSeen = out.scored.count;
  let alertsSeen = out.alerts.count;
  return (p: PostTrafficProgress) => {
    const fresh = out.scored.latenciesSince(scoredSeen);
    scoredSeen += fresh.length;
    const freshAlerts = out.alerts.count - alertsSeen;
    alertsSeen += freshAlerts;
    const lastTick = sampler.samples.at(-1)?.tick;
    const latest = sampler.samples.filter((s) => s.tick === lastTick && s.group !== 'driver');
    const cpu = latest.reduce((n, s) => n + (s.cpuPercent ?? 0), 0);
    const pss = latest.reduce((n, s) => n + s.pssBytes, 0);
    const phase = p.elapsedMs < options.warmupS * 1000 ? 'warm-up' : 'measure';
    say(
      `  [${rate}/s ${phase} ${String(Math.round(p.elapsedMs / 1000)).padStart(4)} s] sent ${p.sent} (${p.currentRate}/s), accepted ${p.accepted}, rejected ${p.rejected} | scored +${fresh.length}, p99 ${summarizeLatency(fresh).p99 ?? '–'} ms, alerts +${freshAlerts} | lag ${lagSamples.at(-1)?.lag ?? '–'} | cpu ${Math.round(cpu)}%, pss ${formatBytes(pss)}`,
    );
  };
}

/** Posts traffic at one rate for warm-up + duration, waits for its tail, summarises. */
async function runStep(rate: number, paymentsApi: string, out: OutputReader): Promise<StepResult> {
  const warmupMs = options.warmupS * 1000;
  const startedAt = Date.now();
  // The driver's punctuality is measured after the warm-up (building the traffic's world,
  // connection set-up are not).
  const warmedUp = setTimeout(() => loopDelay.reset(), warmupMs);
  // A timer of our own: Node 20 may collect an AbortSignal.timeout() combined by
  // AbortSignal.any() before it fires, and the traffic would never stop.
  const stepSignal = new AbortController();
  const stepTimer = setTimeout(() => stepSignal.abort(), warmupMs + options.durationS * 1000);
  const stopStep = () => stepSignal.abort();
  traffic.signal.addEventListener('abort', stopStep, { once: true });
  const result = await postTraffic({
    baseUrl: paymentsApi,
    payments: generateTraffic({
      seed: startedAt % 1_000_000_007,
      startMs: startedAt,
      // Lazy: only what the time allows is generated; event times only order the stream.
      durationMs: 7 * 86_400_000,
      paymentsPerSecond: rate,
      fraudRate: options.fraudRate,
    }),
    ratePerSecond: rate,
    concurrency: options.concurrency,
    signal: stepSignal.signal,
    progressIntervalMs: 5000,
    onProgress: progressReporter(rate, out),
    logger,
  });
  const stoppedAt = Date.now();
  clearTimeout(warmedUp);
  clearTimeout(stepTimer);
  traffic.signal.removeEventListener('abort', stopStep);
  const driverLoopDelayMs = {
    p99: Math.round(loopDelay.percentile(99) / 1e5) / 10,
    max: Math.round(loopDelay.max / 1e5) / 10,
  };
  // The tail: payments committed before the stop whose records are still on their way.
  const deadline = stoppedAt + options.drainS * 1000;
  while (
    out.scored.countCommitted(startedAt, stoppedAt) < result.accepted &&
    Date.now() < deadline &&
    !traffic.signal.aborted
  ) {
    await sleep(250);
  }
  await sampleOnce();
  return stepResult({
    rate,
    startedAt,
    stoppedAt,
    warmupMs,
    traffic: result,
    cdc: out.cdc,
    scored: out.scored,
    alerts: out.alerts,
    lagSamples,
    processSamples: sampler.samples,
    sampleEveryMs: options.sampleEveryS * 1000,
    driverLoopDelayMs,
    p99TargetMs: options.p99TargetMs,
  });
}

let exitCode = 0;
let figures: object | undefined;
try {
  await sampleOnce();
  // The topology and the reader start where the shared CDC topic ends now, not at its beginning.
  const ends = await admin.fetchTopicOffsets(run.topics.payments);
  for (const groupId of [run.applicationId, run.readerGroup]) {
    await admin.setOffsets({
      groupId,
      topic: run.topics.payments,
      partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
    });
  }
  say(`bench e2e: run ${id}; service logs in ${logDir}`);
  const { ran, skipped } = await startServices();
  const out = await startOutputReader({
    brokers,
    clientId: run.applicationId,
    registryUrl: config.SCHEMA_REGISTRY_URL,
    groupId: run.readerGroup,
    cdcTopic: run.topics.payments,
    scoredTopic: run.topics.scored,
    alertsTopic: run.topics.alerts,
    logLevel: LOG_LEVEL,
  });
  reader = out;
  say(
    `  services running: ${ran.join(', ')}${skipped.length > 0 ? `; left out: ${skipped.join('; ')}` : ''}`,
  );

  const paymentsApi = `http://127.0.0.1:${options.portBase}`;
  const rates = options.sweep
    ? sweepRates(options.rate, options.sweep.stepRate, options.sweep.maxRate)
    : [options.rate];
  const steps: StepResult[] = [];
  for (const rate of rates) {
    if (traffic.signal.aborted) break;
    const step = await runStep(rate, paymentsApi, out);
    steps.push(step);
    say('');
    for (const line of formatStep(step, options.p99TargetMs, TOTAL_RSS_TARGET)) say(line);
    say('');
    if (options.sweep && !step.verdict.pass) break;
  }
  const best = highestPassingRate(steps.map((s) => ({ rate: s.rate, verdict: s.verdict })));
  const loadAtEnd = load();
  const serviceLogProblems = Object.fromEntries(
    services.map((s) => [s.name, logProblems(readFileSync(s.logFile, 'utf8'))]),
  );
  for (const [name, problems] of Object.entries(serviceLogProblems)) {
    for (const [message, count] of Object.entries(problems)) {
      say(`  ${name} logged ${count}× ${message}`);
    }
  }
  const outcome = options.sweep
    ? `highest rate meeting p99 ≤ ${options.p99TargetMs} ms with steady lag: ${best === null ? 'none of those tried' : `${best}/s`}`
    : `${options.rate}/s ${steps[0]?.verdict.pass ? 'met' : 'missed'} the targets`;
  const interrupted = traffic.signal.aborted;
  say(
    `summary: ${interrupted ? 'INTERRUPTED, figures cover what ran; ' : ''}${outcome}; services ${ran.join(', ')}; load average ${loadAtStart} at start, ${loadAtEnd} at end; ${out.undecodable} undecodable records`,
  );
  figures = {
    mode: options.sweep ? 'sweep' : 'fixed',
    interrupted,
    options,
    machine: { cores: cpus().length, memoryBytes: totalmem(), loadAtStart, loadAtEnd },
    services: { ran, skipped },
    highestPassingRate: best,
    undecodable: out.undecodable,
    serviceLogProblems,
    steps,
  };
} catch (error) {
  exitCode = 1;
  say(`bench e2e: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanUp();
}
// After the clean-up's own lines: with --json the object is the last line.
if (options.json && figures !== undefined) say(JSON.stringify(figures));
process.exit(exitCode);
