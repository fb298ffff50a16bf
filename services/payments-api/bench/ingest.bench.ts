/**
 * `bench ingest`: payments/s and latency of POST /payments on loopback, and the CDC lag from
 * commit (Debezium's source.ts_ms) to the record on pg.public.payments.
 *
 *   npm run bench -- ingest [--duration 20] [--warmup 5] [--connections 32] [--json]
 *
 * Needs the local stack (npm run stack -- up). Sets up migrations, seed and the connector,
 * starts payments-api in its own process, drives it with autocannon using seeded cards and
 * merchants, and consumes the CDC topic while the load runs. A warm-up run (not measured) comes
 * first: the JVMs of Kafka and Connect and the API's JIT are cold after a stack start, and a cold
 * first run measured a third less. With --json the last line is one JSON object of figures.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createKafka, createLogger, parseBrokers } from '@fraud/common';
import { cdcTopic, DEFAULT_SEED_SIZES, seedCardNumber, seedId, setUpCdc } from '@fraud/schemas';
import { loadPaymentsApiConfig } from '../src/config.js';
import { markTopic } from '../test/support/kafka-topics.js';
import { percentile } from './percentiles.js';
import { startServer } from './start-server.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    port: { type: 'string', default: '18180' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const config = loadPaymentsApiConfig();
const logger = createLogger({ name: 'bench-ingest', level: 'warn' });

await setUpCdc({
  databaseUrl: config.DATABASE_URL,
  connectUrl: config.CONNECT_URL,
  kafkaBrokers: config.KAFKA_BROKERS,
  panTokenKey: config.PAN_TOKEN_KEY,
  logger,
});
const server = await startServer(Number(args.port));

// Consume the payments topic during the run: lag = receipt time − commit time.
const kafka = createKafka({
  brokers: parseBrokers(config.KAFKA_BROKERS),
  clientId: 'bench-ingest',
  logger,
});
const topic = cdcTopic('payments');
const mark = await markTopic(kafka, topic);
const groupId = `bench-ingest-${randomUUID()}`;
const admin = kafka.admin();
await admin.connect();
if (mark.offsets.length > 0) await admin.setOffsets({ groupId, topic, partitions: mark.offsets });
const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 20 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
const runTag = randomUUID().slice(0, 8);
const lagToReceipt: number[] = [];
const lagToKafka: number[] = [];
await consumer.run({
  eachBatch: async ({ batch }) => {
    const receivedAt = Date.now();
    for (const m of batch.messages) {
      const change = JSON.parse(m.value?.toString() ?? 'null') as {
        after?: { device_fingerprint?: string };
        source?: { ts_ms?: number };
      } | null;
      const committed = change?.source?.ts_ms;
      if (!committed || change.after?.device_fingerprint !== `bench-${runTag}`) continue;
      lagToReceipt.push(receivedAt - committed);
      lagToKafka.push(Number(m.timestamp) - committed);
    }
  },
});
// Give the group its assignment before the load starts, so no record waits on a rebalance.
await new Promise((resolve) => setTimeout(resolve, 3000));

let n = 0;
const body = (tag: string) => {
  n++;
  const card = n % DEFAULT_SEED_SIZES.cards;
  return JSON.stringify({
    cardNumber: seedCardNumber(card),
    merchantId: seedId('merchant', (n * 7919) % DEFAULT_SEED_SIZES.merchants),
    amountMinor: 100 + (n % 50_000),
    currency: 'EUR',
    channel: n % 3 === 0 ? 'card_present' : 'online',
    country: 'FR',
    deviceFingerprint: tag,
    ipAddress: `198.51.100.${n % 250}`,
  });
};

const drive = (seconds: number, tag: string) =>
  autocannon({
    url: `${server.url}/payments`,
    method: 'POST',
    connections: Number(args.connections),
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body(tag) }) }],
  });

if (Number(args.warmup) > 0) {
  say(`warm-up: ${args.warmup} s (not measured)`);
  await drive(Number(args.warmup), `bench-warmup-${runTag}`);
}
say(`bench ingest: ${args.duration} s, ${args.connections} connections on ${server.url}`);
const result = await drive(Number(args.duration), `bench-${runTag}`);
const accepted = result['2xx'];

// Wait for the CDC tail of the run (bounded), then stop everything this script started.
const deadline = Date.now() + 30_000;
while (lagToReceipt.length < accepted && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await consumer.disconnect();
await admin.deleteGroups([groupId]).catch(() => undefined);
await admin.disconnect();
await server.stop();

const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10) / 10);
const figures = {
  durationS: Number(args.duration),
  connections: Number(args.connections),
  requests: result.requests.total,
  accepted,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  requestsPerSec: round(result.requests.average),
  latencyP50Ms: round(result.latency.p50),
  latencyP99Ms: round(result.latency.p99),
  latencyMaxMs: round(result.latency.max),
  cdcRecords: lagToReceipt.length,
  cdcLagP50Ms: round(percentile(lagToReceipt, 50)),
  cdcLagP99Ms: round(percentile(lagToReceipt, 99)),
  cdcLagMaxMs: round(percentile(lagToReceipt, 100)),
  cdcCommitToKafkaP99Ms: round(percentile(lagToKafka, 99)),
};
say(
  `  requests/s      ${figures.requestsPerSec}  (${accepted} accepted, ${figures.non2xx} non-2xx, ${figures.errors} errors)`,
);
say(
  `  latency         p50 ${figures.latencyP50Ms} ms  p99 ${figures.latencyP99Ms} ms  max ${figures.latencyMaxMs} ms`,
);
say(
  `  CDC lag         p50 ${figures.cdcLagP50Ms} ms  p99 ${figures.cdcLagP99Ms} ms  max ${figures.cdcLagMaxMs} ms  (${figures.cdcRecords}/${accepted} records, commit → consumer)`,
);
say(`  commit → Kafka  p99 ${figures.cdcCommitToKafkaP99Ms} ms (record timestamp)`);
if (args.json) say(JSON.stringify(figures));
// Requests still in flight when autocannon stops are committed but not counted: hence >=.
process.exit(figures.cdcRecords >= accepted && figures.non2xx === 0 ? 0 : 1);
