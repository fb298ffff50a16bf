/**
 * `npm run demo`: the whole pipeline on this machine until Ctrl-C.
 * Brings up the local stack (with migrations, seed and the CDC connector), then each service
 * that exists so far, prints where everything is, and on Ctrl-C stops what it started.
 * Parts still being built are listed as such.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { localStackUrls } from '@fraud/common';
import { seedCardNumber, seedId } from '@fraud/schemas';
import { down, loadStackConfig, up } from '@fraud/stack';

const say = (line: string) => process.stdout.write(`${line}\n`);
const config = loadStackConfig();
const services: { name: string; child: ChildProcess }[] = [];

const notYet = [
  'fraud topology (streams/): enrichment, windowed features, ONNX scoring',
  'lake-sink service (the Iceberg writer exists; consuming payments.scored does not yet)',
  'alerts-api and its dashboard',
  'traffic generator with fraud patterns, k6 load tests',
];

/** Starts a service in its own process, logs to .stack/logs/<name>.log, waits for /readyz. */
async function startService(name: string, entry: string, port: number): Promise<string> {
  const logFile = join(config.logDir, `${name}.log`);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: config.root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
  });
  services.push({ name, child });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${name} did not become ready; see ${logFile}`);
    }
    await sleep(200);
  }
  return url;
}

async function stopEverything(): Promise<void> {
  for (const { name, child } of services.reverse()) {
    if (child.exitCode !== null) continue;
    say(`  … ${name.padEnd(12)} stopping`);
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
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
  const paymentsApi = await startService(
    'payments-api',
    'services/payments-api/src/server.ts',
    Number(process.env.PORT ?? 8080),
  );
  say(`  ✓ payments-api ${paymentsApi}`);

  // One payment through the real path, so the first screen shows the pipeline working.
  const response = await fetch(`${paymentsApi}/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cardNumber: seedCardNumber(0),
      merchantId: seedId('merchant', 0),
      amountMinor: 1299,
      currency: 'EUR',
      channel: 'online',
      country: 'DE',
    }),
  });
  const accepted = (await response.json()) as { id?: string };

  const urls = localStackUrls(config.ports);
  say(`\ndemo: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(
    `  payments-api     ${paymentsApi}  (API docs: ${paymentsApi}/docs, metrics: ${paymentsApi}/metrics)`,
  );
  say(
    `  sample payment   ${response.status} ${accepted.id ?? ''}: GET ${paymentsApi}/payments/${accepted.id ?? ''}`,
  );
  say(
    `  CDC topics       pg.public.payments, pg.public.cards, pg.public.accounts, pg.public.merchants`,
  );
  say(`  Kafka            ${urls.kafkaBrokers}`);
  say(`  PostgreSQL       ${urls.databaseUrl}`);
  say(`  Kafka Connect    ${urls.connectUrl}`);
  say(`  Schema registry  ${urls.schemaRegistryUrl}`);
  say(`  logs             ${config.logDir}`);
  say('\nnot built yet (the demo grows as these land):');
  for (const part of notYet) say(`  - ${part}`);
  say('\nPress Ctrl-C to stop everything.');
} catch (error) {
  say(`\ndemo: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
// Keep the process alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
