import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Type } from '@sinclair/typebox';
import {
  createKafka,
  createLogger,
  loadServiceConfig,
  parseBrokers,
  STACK_HOST,
} from '@fraud/common';
import {
  CDC_ROLE,
  DEBEZIUM_POSTGRES_CLASS,
  ensureStack,
  loadStackConfig,
  POSTGRES_SUPERUSER,
} from '@fraud/stack';

// Proves the CDC path of the platform with a throwaway table, publication, slot and connector.
const config = loadServiceConfig(Type.Object({}));
const { ports } = loadStackConfig();
const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
const table = `platform_cdc_${suffix}`;
const connector = `platform-cdc-${suffix}`;
const prefix = `platformtest${suffix}`;
const topic = `${prefix}.public.${table}`;
const app = new pg.Client({ connectionString: config.DATABASE_URL });

async function connectApi(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${config.CONNECT_URL}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
  });
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

before(async () => {
  await ensureStack();
  await app.connect();
  await app.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, note text NOT NULL)`);
  await app.query(`CREATE PUBLICATION ${table}_pub FOR TABLE ${table}`);
  const created = await connectApi('/connectors', {
    method: 'POST',
    body: JSON.stringify({
      name: connector,
      config: {
        'connector.class': DEBEZIUM_POSTGRES_CLASS,
        'database.hostname': STACK_HOST,
        'database.port': String(ports.POSTGRES_PORT),
        'database.user': CDC_ROLE.user,
        'database.password': CDC_ROLE.password,
        'database.dbname': 'fraud',
        'topic.prefix': prefix,
        'plugin.name': 'pgoutput',
        'slot.name': table,
        'publication.name': `${table}_pub`,
        'publication.autocreate.mode': 'disabled',
        'table.include.list': `public.${table}`,
      },
    }),
  });
  assert.equal(created.status, 201, await created.text());
  await waitFor('the connector to run', async () => {
    const res = await connectApi(`/connectors/${connector}/status`);
    const body = (await res.json()) as {
      connector?: { state?: string };
      tasks?: { state?: string }[];
    };
    return body.connector?.state === 'RUNNING' && body.tasks?.[0]?.state === 'RUNNING'
      ? true
      : undefined;
  });
});

after(async () => {
  await connectApi(`/connectors/${connector}`, { method: 'DELETE' });
  const admin = new pg.Client({
    host: STACK_HOST,
    port: ports.POSTGRES_PORT,
    database: 'fraud',
    ...POSTGRES_SUPERUSER,
  });
  await admin.connect();
  // The slot stays active for a moment after the connector is deleted.
  await waitFor('the replication slot to be released', async () => {
    const res = await admin.query(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active',
      [table],
    );
    const left = await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [
      table,
    ]);
    return res.rowCount !== null && left.rowCount === 0 ? true : undefined;
  });
  await admin.query(`DROP PUBLICATION IF EXISTS ${table}_pub`);
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.end();
  await app.end();
});

test('an INSERT committed in PostgreSQL appears on its Debezium topic', async () => {
  const note = `hello-${suffix}`;
  const inserted = await app.query<{ id: string }>(
    `INSERT INTO ${table} (note) VALUES ($1) RETURNING id`,
    [note],
  );
  const id = Number(inserted.rows[0]?.id);

  const kafka = createKafka({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: 'platform-cdc-test',
    logger: createLogger({ name: 'test', level: 'warn' }),
  });
  const consumer = kafka.consumer({ groupId: `platform-cdc-${suffix}` });
  await consumer.connect();
  await waitFor('the CDC topic', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    return topics.includes(topic) ? true : undefined;
  });
  await consumer.subscribe({ topic, fromBeginning: true });
  interface Change {
    op: string;
    after: { id: number; note: string } | null;
    source: { table: string; ts_ms: number };
  }
  const event = await new Promise<{ key: unknown; value: Change }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no CDC event within 30 s')), 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        const value = JSON.parse(message.value?.toString() ?? 'null') as Change;
        if (value?.after?.note === note) {
          clearTimeout(timer);
          resolve({ key: JSON.parse(message.key?.toString() ?? 'null'), value });
        }
      },
    });
  });
  await consumer.disconnect();

  assert.equal(event.value.op, 'c');
  assert.deepEqual(event.value.after, { id, note });
  assert.deepEqual(event.key, { id });
  assert.equal(event.value.source.table, table);
  assert.ok(
    Math.abs(Date.now() - event.value.source.ts_ms) < 60_000,
    'source.ts_ms is the commit time',
  );
});
