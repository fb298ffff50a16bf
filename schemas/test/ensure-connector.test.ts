import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Type } from '@sinclair/typebox';
import { createLogger, loadServiceConfig } from '@fraud/common';
import { loadStackConfig, POSTGRES_SUPERUSER } from '@fraud/stack';
import {
  cdcConnectorValues,
  ConnectorError,
  ensureConnector,
  migrate,
  renderConnectorConfig,
} from '@fraud/schemas';

// Create / leave alone / update / fail, on a throwaway copy of the real connector (own name,
// slot and topic prefix; no snapshot), so the shared fraud-cdc connector is never disturbed.
const config = loadServiceConfig(Type.Object({}));
const logger = createLogger({ name: 'test', level: 'warn' });
const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
const name = `payments-api-test-${suffix}`;
const slot = `pat_${suffix}`;
const base = {
  ...renderConnectorConfig(cdcConnectorValues(config.DATABASE_URL)),
  name,
  'slot.name': slot,
  'topic.prefix': `patest${suffix}`,
  'table.include.list': 'public.accounts',
  'snapshot.mode': 'no_data',
};

after(async () => {
  await fetch(`${config.CONNECT_URL}/connectors/${name}`, { method: 'DELETE' });
  await fetch(`${config.CONNECT_URL}/connectors/${name}-bad`, { method: 'DELETE' });
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: loadStackConfig().ports.POSTGRES_PORT,
    database: 'fraud',
    ...POSTGRES_SUPERUSER,
  });
  await admin.connect();
  // The slot stays active for a moment after the connector is deleted.
  for (let i = 0; i < 40; i++) {
    await admin.query(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active',
      [slot],
    );
    const left = await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [
      slot,
    ]);
    if (left.rowCount === 0) break;
    await sleep(250);
  }
  await admin.end();
});

test('creates when absent, leaves an equal config alone, updates a changed one', async () => {
  await migrate({ databaseUrl: config.DATABASE_URL, logger });
  const connectUrl = config.CONNECT_URL;
  const created = await ensureConnector({ connectUrl, config: base, logger });
  assert.equal(created.action, 'created');
  assert.equal(created.status.tasks[0]?.state, 'RUNNING', JSON.stringify(created));
  assert.equal((await ensureConnector({ connectUrl, config: base, logger })).action, 'unchanged');
  const changed = { ...base, 'heartbeat.interval.ms': '5000' };
  const updated = await ensureConnector({ connectUrl, config: changed, logger });
  assert.equal(updated.action, 'updated');
  const live = (await (await fetch(`${connectUrl}/connectors/${name}/config`)).json()) as Record<
    string,
    string
  >;
  assert.equal(live['heartbeat.interval.ms'], '5000');
});

test('a config Connect refuses is a CONNECTOR_REJECTED error, not a hang', async () => {
  await assert.rejects(
    ensureConnector({
      connectUrl: config.CONNECT_URL,
      config: { ...base, name: `${name}-bad`, 'connector.class': 'no.such.Connector' },
      logger,
    }),
    (error: unknown) => error instanceof ConnectorError && error.code === 'CONNECTOR_REJECTED',
  );
});
