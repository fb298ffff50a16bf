/**
 * The load-test runner end to end, and the k6 script's scenarios as k6 itself reads them: k6 built from its Go module (cached under .stack/bin),
 * a 5-second steady scenario at 5 payments/s against payments-api started in-process on the
 * local stack's database, then the results: k6's summary, the payments stored, the samples
 * and the HTML report. Time to score is not polled: no topology runs here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@fraud/common';
import { buildApp, createPool, loadPaymentsApiConfig } from '@fraud/payments-api';
import { readK6Samples, readK6Summary } from '../../report/index.js';
import { K6_BIN_DIR, K6_SCRIPT, runScenario, type ScenarioRun } from '../run-scenario.js';
import { readScenarios } from '../scenario-plan.js';

const outDir = mkdtempSync(join(tmpdir(), 'loadtest-'));
const config = loadPaymentsApiConfig();
const logger = createLogger({ name: 'payments-api', level: 'warn' });
const pool = createPool({
  databaseUrl: config.DATABASE_URL,
  size: 4,
  statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  logger,
});
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let run: ScenarioRun;

before(async () => {
  // The integration runner has brought the stack up, migrated and seeded: the generator's
  // cards and merchants exist.
  app = await buildApp({ config, pool, logger });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  run = await runScenario(
    {
      scenario: 'steady',
      rate: 5,
      durationS: 5,
      url,
      score: 'off',
      scoreSample: 0,
      fraudRate: 0.02,
      // A seed of its own: ids (Idempotency-Keys) never collide with another run's.
      seed: randomInt(1, 2 ** 31),
      outDir,
    },
    { progress: (line) => console.log(`loadtest: ${line}`), quiet: true },
  );
});

after(async () => {
  await app?.close();
  await pool.end();
  rmSync(outDir, { recursive: true, force: true });
});

const postedKeys = () =>
  readFileSync(run.payloadFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);

test('k6 posts the planned payments and every one is accepted', () => {
  assert.deepEqual(run.plan.stages, [{ durationS: 5, target: 5 }]);
  assert.match(run.plan.description, /scaled to a peak of 5\/s over 5 s/);
  const summary = readK6Summary(run.summaryFile);
  const accepted = summary.metrics.payments_accepted?.values;
  assert.ok(accepted, 'payments_accepted in the summary');
  // 5/s for 5 s; k6's arrival-rate executor may start one more or less at the edges.
  const posted = (accepted.passes ?? 0) + (accepted.fails ?? 0);
  assert.ok(posted >= 23 && posted <= 27, `posted ${posted}`);
  assert.equal(accepted.fails, 0);
  assert.equal(summary.metrics['http_req_failed{name:POST /payments}']?.values.rate, 0);
  assert.equal(summary.metrics.payments_accepted?.thresholds?.['rate>0.99']?.ok, true);
  assert.equal(summary.metrics.time_to_score, undefined, 'scores not polled');
  assert.ok(run.payments >= posted, 'the payload had a payment for every iteration');
});

test('the payments are stored, under the payload ids as Idempotency-Keys', async () => {
  const summary = readK6Summary(run.summaryFile);
  const values = summary.metrics.payments_accepted?.values ?? {};
  const posted = (values.passes ?? 0) + (values.fails ?? 0);
  const keys = postedKeys();
  const stored = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM payments WHERE idempotency_key = ANY($1)',
    [keys],
  );
  assert.equal(Number(stored.rows[0]?.n), posted);
});

test('the samples hold one POST duration per payment; the report charts them', async () => {
  let durations = 0;
  for await (const sample of readK6Samples(run.samplesFile)) {
    if (sample.metric === 'http_req_duration' && sample.name === 'POST /payments') {
      durations += 1;
      assert.ok(sample.value > 0 && sample.value < 10_000, `duration ${sample.value} ms`);
      assert.ok(Math.abs(sample.timeMs - Date.now()) < 10 * 60_000, 'epoch ms timestamps');
    }
  }
  const values = readK6Summary(run.summaryFile).metrics.payments_accepted?.values ?? {};
  assert.equal(durations, (values.passes ?? 0) + (values.fails ?? 0));
  assert.ok(existsSync(run.reportFile));
  const html = readFileSync(run.reportFile, 'utf8');
  assert.match(html, /POST \/payments latency over time/);
  assert.match(html, /<polyline [^>]*points="[\d.]+,[\d.]+ [\d.]+,[\d.]+/, 'a line with points');
  assert.match(html, /<td>pass<\/td><td>payments_accepted<\/td>/);
  // Self-contained: nothing to run or fetch (the SVG namespace is a name, not a fetch).
  assert.doesNotMatch(html, /<script|<link|<img|(?:src|href)=["']?https?:/i);
});

interface InspectedOptions {
  scenarios: Record<
    string,
    { executor: string; startRate: number; stages: { duration: string; target: number }[] }
  >;
  thresholds: Record<string, string[]>;
}

/** k6 prints durations the Go way: 1m0s, 1h2m3s, 30s. */
const goSeconds = (duration: string) => {
  const [, h = '0', m = '0', s = '0'] =
    /^(?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)s)?$/.exec(duration) ?? [];
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
};

/** `k6 inspect`: the options the script exports, computed by k6 without running it. */
function inspect(env: Record<string, string>): InspectedOptions {
  const k6 = join(K6_BIN_DIR, 'k6');
  const result = spawnSync(
    k6,
    ['inspect', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), K6_SCRIPT],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as InspectedOptions;
}

test('every scenario of scenarios.json is what k6 runs, with p95/p99 thresholds', () => {
  for (const [name, shape] of Object.entries(readScenarios())) {
    const options = inspect({ SCENARIO: name, PAYLOAD_FILE: run.payloadFile });
    const scenario = options.scenarios[name];
    assert.equal(scenario?.executor, 'ramping-arrival-rate', name);
    assert.equal(scenario.startRate, shape.startRate, name);
    assert.deepEqual(
      scenario.stages.map((s) => ({ durationS: goSeconds(s.duration), target: s.target })),
      shape.stages,
      name,
    );
    assert.deepEqual(options.thresholds['http_req_duration{name:POST /payments}'], [
      'p(95)<250',
      'p(99)<500',
    ]);
    assert.deepEqual(
      options.thresholds.time_to_score,
      ['p(95)<1000', 'p(99)<2000'],
      'scores polled by default',
    );
  }
  const apiOnly = inspect({
    SCENARIO: 'steady',
    PAYLOAD_FILE: run.payloadFile,
    SCORE: 'off',
    POST_P95_MS: '100',
  });
  assert.equal(apiOnly.thresholds.time_to_score, undefined);
  assert.deepEqual(apiOnly.thresholds['http_req_duration{name:POST /payments}'], [
    'p(95)<100',
    'p(99)<500',
  ]);
});
