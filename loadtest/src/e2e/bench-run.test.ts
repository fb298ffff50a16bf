import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchRun, serviceEnv } from './bench-run.js';
import { PIPELINE_SERVICES } from './service-process.js';

const run = benchRun('a1b2c3d4', '/tmp/bench-e2e-a1b2c3d4');

test('everything a run creates carries the topology application id, which clean-up matches', () => {
  const { payments, ...created } = run.topics;
  const names = [
    ...Object.values(created),
    run.readerGroup,
    run.alertsGroup,
    run.lakeGroup,
    `${run.topics.scored}-value`,
  ];
  for (const name of names) assert.ok(name.includes(run.applicationId), name);
  // The shared CDC topic is read, never created nor deleted.
  assert.equal(payments, 'pg.public.payments');
  assert.ok(!payments.includes(run.applicationId));
});

test('PostgreSQL names are valid unquoted identifiers', () => {
  for (const name of [run.alertsSchema, run.lakeCatalog]) {
    assert.match(name, /^[a-z_][a-z0-9_]{0,62}$/);
  }
  assert.throws(() => benchRun('A; DROP', '/tmp/x'), RangeError);
});

test('each service reads and writes the run’s topics, not the defaults', () => {
  const env = Object.fromEntries(
    PIPELINE_SERVICES.map((s) => [s.name, serviceEnv(s.name, run, 'warn')]),
  );
  assert.equal(env['fraud-topology']?.APPLICATION_ID, run.applicationId);
  assert.equal(env['fraud-topology']?.SCORED_TOPIC, run.topics.scored);
  assert.equal(env['fraud-topology']?.ALERTS_TOPIC, run.topics.alerts);
  assert.equal(env['alerts-api']?.SCORED_TOPIC, run.topics.scored);
  assert.equal(env['alerts-api']?.ALERTS_TOPIC, run.topics.alerts);
  assert.equal(env['alerts-api']?.ALERTS_DB_SCHEMA, run.alertsSchema);
  assert.equal(env['lake-sink']?.LAKE_TOPIC, run.topics.scored);
  assert.equal(env['lake-sink']?.LAKE_CATALOG, run.lakeCatalog);
  assert.equal(env['lake-sink']?.LAKE_WAREHOUSE, 'file:///tmp/bench-e2e-a1b2c3d4/warehouse');
  for (const e of Object.values(env)) assert.equal(e.LOG_LEVEL, 'warn');
});
