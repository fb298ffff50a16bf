/**
 * `npm run demo`: the whole pipeline on this machine until Ctrl-C.
 * Brings up the local stack (migrations, seed, CDC connector), starts every service in its own
 * process (logs in .stack/logs), posts generated traffic with fraud injected at a moderate rate,
 * prints where everything is and a status line now and then; Ctrl-C stops what it started.
 * DEMO_RATE (payments/s, default 20) and DEMO_FRAUD_RATE (default 0.02) tune the traffic.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localStackUrls } from '@fraud/common';
import { generateTraffic, postTraffic } from '@fraud/loadtest';
import { down, loadStackConfig, up } from '@fraud/stack';
import {
  PIPELINE_SERVICES,
  spawnService,
  type PipelineService,
  type ServiceProcess,
} from '@fraud/loadtest/e2e';

const say = (line: string) => process.stdout.write(`${line}\n`);
const config = loadStackConfig();
const children: ServiceProcess[] = [];
const traffic = new AbortController();
const rate = Number(process.env.DEMO_RATE ?? 20);
const fraudRate = Number(process.env.DEMO_FRAUD_RATE ?? 0.02);

/** Starts a service in its own process, logs to .stack/logs/<name>.log, waits for /readyz. */
async function startService(service: PipelineService): Promise<string> {
  const child = spawnService({
    ...service,
    root: config.root,
    logFile: join(config.logDir, `${service.name}.log`),
  });
  children.push(child);
  await child.ready;
  return child.url;
}

async function stopEverything(): Promise<void> {
  traffic.abort();
  for (const child of children.reverse()) {
    say(`  … ${child.name.padEnd(14)} stopping`);
    await child.stop();
  }
  await down(config, (line) => say(`  ${line}`));
}

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  say('\ndemo: stopping');
  await stopEverything();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  say(
    'demo: starting the local stack (Kafka, PostgreSQL, Kafka Connect + Debezium, schema registry)',
  );
  const started = Date.now();
  await up(config, { progress: (line) => say(`  ${line}`) });
  say('  … dashboard      building (Vite)');
  const build = spawnSync('npm', ['run', '--silent', 'build', '-w', '@fraud/alerts-api'], {
    cwd: config.root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('the dashboard did not build; see the output above');
  const urls = new Map<string, string>();
  for (const service of PIPELINE_SERVICES) {
    if (!existsSync(join(config.root, service.entry))) continue;
    say(`  … ${service.name.padEnd(14)} starting`);
    urls.set(service.name, await startService(service));
    say(`  ✓ ${service.name.padEnd(14)} ${urls.get(service.name) ?? ''}`);
  }
  const paymentsApi = urls.get('payments-api') ?? 'http://127.0.0.1:8080';

  const stack = localStackUrls(config.ports);
  say(`\ndemo: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const service of PIPELINE_SERVICES) {
    const url = urls.get(service.name);
    if (url) say(`  ${service.name.padEnd(16)} ${url}  ${service.about}`);
  }
  say(`  Kafka            ${stack.kafkaBrokers}`);
  say(`  PostgreSQL       ${stack.databaseUrl}`);
  say(`  Kafka Connect    ${stack.connectUrl}`);
  say(`  Schema registry  ${stack.schemaRegistryUrl}`);
  say(`  logs             ${config.logDir}`);
  say(
    `\ndemo: posting ${rate} payments/s to payments-api, ${(fraudRate * 100).toFixed(1)}% fraudulent (card testing, account takeover, impossible travel, compromised merchant)`,
  );
  say('Press Ctrl-C to stop everything.\n');

  // A fresh seed each start, so a restarted demo sends new payments rather than replays.
  const now = Date.now();
  void postTraffic({
    baseUrl: paymentsApi,
    payments: generateTraffic({
      seed: now % 1_000_000_007,
      startMs: now,
      durationMs: 7 * 86_400_000,
      paymentsPerSecond: rate,
      fraudRate,
    }),
    ratePerSecond: rate,
    signal: traffic.signal,
    progressIntervalMs: 15_000,
    onProgress: (p) =>
      say(
        `traffic: ${p.accepted} payments accepted, ${p.rejected} rejected, ${p.currentRate.toFixed(1)}/s`,
      ),
  });
} catch (error) {
  say(`\ndemo: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
// Keep the process alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
