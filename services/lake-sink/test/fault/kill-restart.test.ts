/**
 * Exactly-once under kill -9: while a known workload of scored payments arrives (committed
 * transactions, with aborted ones of another producer interleaved), the sink service runs as a
 * child process (`tsx src/server.ts`, configured by environment) and is killed with SIGKILL at
 * random moments, three times, and restarted each time; then it drains the topic and stops on
 * SIGTERM. pyiceberg must find every committed payment in the table exactly once.
 * FAULT_KEEP=1 keeps the processes' logs for a look after a failure.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Admin } from 'kafkajs';
import { createKafka, createLogger, loadServiceConfig, parseBrokers } from '@fraud/common';
import { deleteSubject } from '@fraud/schemas';
import { Type } from '@sinclair/typebox';
import type { LakeSinkStatus } from '../../src/index.js';
import { runPython } from '../readers/python-venv.js';
import { openScratchCatalog, type ScratchCatalog } from '../support/scratch-catalog.js';
import { scoredMessage, scoredPayment, scoredSerde } from '../support/scored-payments.js';
import { sleep, waitFor } from '../support/sink-harness.js';

const RECORDS = Number(process.env.FAULT_RECORDS ?? 20_000);
const PER_TRANSACTION = 125;
const KILLS = 3;
const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

const suffix = randomBytes(4).toString('hex');
const topic = `lake-fault-scored-${suffix}`;
const deadLetterTopic = `lake-fault-dlq-${suffix}`;
const catalogName = `lake_fault_${suffix}`;
const config = loadServiceConfig(Type.Object({}));
const logger = createLogger({ name: 'lake-fault-test', level: 'warn' });
const kafka = createKafka({
  brokers: parseBrokers(config.KAFKA_BROKERS),
  clientId: `lake-fault-${suffix}`,
  logger,
});
let admin: Admin;
let scratch: ScratchCatalog;
const workDir = mkdtempSync(join(tmpdir(), `lake-fault-${suffix}-`));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** One sink process, as `npm start -w @fraud/lake-sink` runs it, with small fast commits. */
function startSink(run: number, port: number): ChildProcess {
  const log = openSync(join(workDir, `sink-${run}.log`), 'a');
  return spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: serviceDir,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'info',
      LAKE_TOPIC: topic,
      LAKE_DLQ_TOPIC: deadLetterTopic,
      LAKE_GROUP_ID: `lake-fault-${suffix}`,
      LAKE_CATALOG: catalogName,
      LAKE_WAREHOUSE: `file://${scratch.warehouseDir}`,
      LAKE_COMMIT_ROWS: '1500',
      LAKE_COMMIT_INTERVAL_MS: '700',
      LAKE_ENCODE_WORKERS: '1',
      LAKE_SESSION_TIMEOUT_MS: '6000',
    },
    stdio: ['ignore', log, log],
  });
}

async function status(port: number): Promise<LakeSinkStatus | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/status`);
    return response.ok ? ((await response.json()) as LakeSinkStatus) : undefined;
  } catch {
    return undefined;
  }
}

const scanIds = () =>
  runPython<{ rows: { payment_id: string }[]; summary: Record<string, string> }>(
    'pyiceberg_scan.py',
    {
      catalog_uri: scratch.databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
      catalog_name: catalogName,
      warehouse: `file://${scratch.warehouseDir}`,
      identifier: 'fraud.payments_scored',
      columns: ['payment_id'],
    },
  );

/** Rows in the table now, by the current snapshot's summary (0 before the first commit). */
async function tableRows(): Promise<number> {
  const result = await scratch.catalog
    .loadTable({ namespace: 'fraud', name: 'payments_scored' })
    .then(
      (t) => t.metadata,
      () => undefined,
    );
  const current = result?.snapshots.find((s) => s['snapshot-id'] === result['current-snapshot-id']);
  return Number(current?.summary['total-records'] ?? 0);
}

/**
 * Produces the workload while the test kills the sink: transactions of PER_TRANSACTION
 * committed records, every fourth one with an aborted transaction of a second producer
 * interleaved. Resolves to the ids of the committed payments.
 */
async function produceWorkload(): Promise<string[]> {
  const serde = await scoredSerde(topic);
  const producer = (id: string) =>
    kafka.producer({
      transactionalId: `lake-fault-${suffix}-${id}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  const main = producer('main');
  const aborting = producer('aborting');
  await Promise.all([main.connect(), aborting.connect()]);
  const ids: string[] = [];
  let n = 0;
  for (let start = 0; start < RECORDS; start += PER_TRANSACTION) {
    const transaction = await main.transaction();
    const doomed = start % (4 * PER_TRANSACTION) === 0 ? await aborting.transaction() : undefined;
    const payments = Array.from({ length: Math.min(PER_TRANSACTION, RECORDS - start) }, () =>
      scoredPayment(suffix, n++),
    );
    const half = Math.floor(payments.length / 2);
    await transaction.send({
      topic,
      messages: payments.slice(0, half).map((p) => scoredMessage(serde, p)),
    });
    await doomed?.send({
      topic,
      messages: Array.from({ length: 50 }, () => scoredMessage(serde, scoredPayment(suffix, n++))),
    });
    await transaction.send({
      topic,
      messages: payments.slice(half).map((p) => scoredMessage(serde, p)),
    });
    await doomed?.abort();
    await transaction.commit();
    ids.push(...payments.map((p) => p.paymentId));
    await sleep(150);
  }
  await Promise.all([main.disconnect(), aborting.disconnect()]);
  return ids;
}

before(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
  scratch = await openScratchCatalog(catalogName);
});

after(async () => {
  await admin?.deleteTopics({ topics: [topic, deadLetterTopic] }).catch(() => undefined);
  await admin?.disconnect();
  await deleteSubject(config.SCHEMA_REGISTRY_URL, `${topic}-value`);
  await scratch?.drop();
  if (process.env.FAULT_KEEP === '1') console.log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});

test('kill -9 at random moments: every committed payment lands in the table exactly once', async (t) => {
  const workload = produceWorkload();
  const rowsAtKills: number[] = [];
  let run = 0;
  for (; run < KILLS; run++) {
    const port = await freePort();
    const child = startSink(run, port);
    const before = await tableRows();
    // Kill while it works: after it committed at least once more, at a random moment.
    await waitFor('the sink to commit', async () => (await tableRows()) > before, 120_000);
    await sleep(Math.floor(Math.random() * 2500));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    rowsAtKills.push(await tableRows());
  }
  const ids = await workload;
  t.diagnostic(`table rows at the kills: ${rowsAtKills.join(', ')} of ${ids.length}`);
  assert.ok(
    rowsAtKills.some((rows) => rows < ids.length),
    `every kill came after the work was done: ${rowsAtKills.join(', ')}`,
  );

  // The last run drains the topic and stops cleanly, committing what it buffered.
  const port = await freePort();
  const child = startSink(run, port);
  const end = new Map(
    (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
  );
  await waitFor(
    'the sink to consume the whole topic',
    async () => {
      const s = await status(port);
      return (
        s !== undefined && [...end].every(([p, offset]) => s.partitions[p]?.position === offset)
      );
    },
    180_000,
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0, 'a clean stop after the final commit');

  const view = scanIds();
  const seen = view.rows.map((r) => r.payment_id);
  assert.equal(seen.length, ids.length, 'as many rows as committed payments');
  assert.equal(new Set(seen).size, seen.length, 'no payment twice');
  assert.deepEqual(seen, [...ids].sort(), 'exactly the committed payments');
  assert.equal(view.summary['total-records'], String(ids.length));

  // Files a kill left behind (written, never committed) are unreferenced: removing every file
  // no metadata references leaves the table as it was.
  const maintain = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/maintenance/cli.ts',
      'remove-orphans',
      '--table',
      'fraud.payments_scored',
      '--older-than',
      '0s',
    ],
    {
      cwd: serviceDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        LAKE_CATALOG: catalogName,
        LAKE_WAREHOUSE: `file://${scratch.warehouseDir}`,
      },
    },
  );
  assert.equal(maintain.status, 0, maintain.stderr);
  t.diagnostic(maintain.stdout.split('\n')[0] ?? '');
  assert.deepEqual(
    scanIds().rows.map((r) => r.payment_id),
    seen,
    'the same rows after removing orphan files',
  );
});
