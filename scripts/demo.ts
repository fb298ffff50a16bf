/**
 * `npm run demo`: the whole pipeline on this machine until Ctrl-C.
 * Brings up the local stack, then each service that exists so far, prints where everything
 * is, and on Ctrl-C stops what it started. Parts still being built are listed as such.
 */
import { down, loadStackConfig, up } from '@fraud/stack';
import { localStackUrls } from '@fraud/common';

const say = (line: string) => process.stdout.write(`${line}\n`);
const config = loadStackConfig();

const notYet = [
  'payments-api (POST /payments, CDC connector) — issue "Payments ingestion through CDC"',
  'fraud topology (streams/) — issues "Exactly-once streams runtime" and "The fraud topology"',
  'lake-sink (Iceberg table) — issue "Iceberg table sink"',
  'alerts-api and dashboard — issue "Alerts API and analyst dashboard"',
  'traffic generator and k6 load — issue "One-command demo"',
];

say(
  'demo: starting the local stack (Kafka, PostgreSQL, Kafka Connect + Debezium, schema registry)',
);
const started = Date.now();
await up(config, { progress: (line) => say(`  ${line}`) });
const urls = localStackUrls(config.ports);
say(`\ndemo: stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
say(`  Kafka            ${urls.kafkaBrokers}`);
say(`  PostgreSQL       ${urls.databaseUrl}`);
say(`  Kafka Connect    ${urls.connectUrl}`);
say(`  Schema registry  ${urls.schemaRegistryUrl}`);
say(`  logs             ${config.logDir}`);
say('\nnot built yet (the demo grows as these land):');
for (const part of notYet) say(`  - ${part}`);
say('\nPress Ctrl-C to stop everything.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  say('\ndemo: stopping');
  await down(config, (line) => say(`  ${line}`));
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// Keep the process alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
