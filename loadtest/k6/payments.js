/* global __ENV, open */
/**
 * k6 load test of payments-api: POST /payments at the rates of a scenario, with request bodies
 * from a traffic file of the generator (JSON Lines of GeneratedPayment, `request` is the
 * body, `id` the Idempotency-Key); for a sample of them, polls GET /payments/:id until the
 * topology has scored the payment and records the time it took (`time_to_score`).
 *
 * `npm run loadtest -- <scenario>` (loadtest/src/k6/run-loadtest.ts) writes the traffic file,
 * resolves the scenario (scenarios.json, scaled by --rate/--duration) and runs this with:
 *   PAYLOAD_FILE      the traffic file (required)
 *   PLAN              the resolved scenario as JSON; without it SCENARIO names one of scenarios.json
 *   PAYMENTS_API_URL  default http://127.0.0.1:8080
 *   SCORE             poll (default) | off: off measures the API alone, no topology needed
 *   SCORE_SAMPLE      share of payments polled until scored (default 0.1)
 *   SCORE_TIMEOUT_MS  give up polling one payment after this long (default 10000)
 *   POLL_INTERVAL_MS  between two polls of one payment (default 50)
 *   POST_P95_MS, POST_P99_MS, SCORE_P95_MS, SCORE_P99_MS   thresholds (250, 500, 1000, 2000)
 *   SUMMARY_FILE      where handleSummary writes the JSON summary (default summary.json)
 */
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { SharedArray } from 'k6/data';
import { Counter, Rate, Trend } from 'k6/metrics';

const setting = (name, fallback) => {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
};
const numberSetting = (name, fallback) => {
  const value = Number(setting(name, String(fallback)));
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
};

const BASE_URL = setting('PAYMENTS_API_URL', 'http://127.0.0.1:8080').replace(/\/+$/, '');
const SCORE = setting('SCORE', 'poll');
if (SCORE !== 'poll' && SCORE !== 'off') throw new Error(`SCORE must be poll or off, not ${SCORE}`);
const SCORE_SAMPLE = numberSetting('SCORE_SAMPLE', 0.1);
const SCORE_TIMEOUT_MS = numberSetting('SCORE_TIMEOUT_MS', 10000);
const POLL_INTERVAL_MS = numberSetting('POLL_INTERVAL_MS', 50);
// Every n-th payment is polled: deterministic, and spread evenly over the run.
const POLL_EVERY =
  SCORE === 'poll' && SCORE_SAMPLE > 0 ? Math.max(1, Math.round(1 / SCORE_SAMPLE)) : 0;

function readPlan() {
  if (__ENV.PLAN) return JSON.parse(__ENV.PLAN);
  const name = setting('SCENARIO', 'steady');
  const shapes = JSON.parse(open('./scenarios.json'));
  if (!shapes[name]) throw new Error(`unknown scenario ${name}: ${Object.keys(shapes).join(', ')}`);
  return { name, ...shapes[name] };
}
const plan = readPlan();

const payments = new SharedArray('payments', () => {
  const file = __ENV.PAYLOAD_FILE;
  if (!file)
    throw new Error('PAYLOAD_FILE is required: run through `npm run loadtest -- <scenario>`');
  return open(file)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const payment = JSON.parse(line);
      return { key: payment.id, body: JSON.stringify(payment.request), fraud: payment.label.fraud };
    });
});

const timeToScore = new Trend('time_to_score', true);
const commitToScore = new Trend('commit_to_score', true);
const scoreTimeouts = new Rate('score_timeouts');
const accepted = new Rate('payments_accepted');
const fraudPosted = new Counter('fraud_payments_posted');

const peak = Math.max(plan.startRate, ...plan.stages.map((s) => s.target));
// Concurrency needed: the POST itself (~tens of ms) plus the polled share waiting to be scored.
const expectedSeconds = 0.05 + (POLL_EVERY ? SCORE_TIMEOUT_MS / 1000 / POLL_EVERY : 0);
const maxVUs = Math.min(2000, Math.ceil(peak * expectedSeconds) + 10);

const thresholds = {
  'http_req_duration{name:POST /payments}': [
    `p(95)<${numberSetting('POST_P95_MS', 250)}`,
    `p(99)<${numberSetting('POST_P99_MS', 500)}`,
  ],
  'http_req_failed{name:POST /payments}': ['rate<0.01'],
  payments_accepted: ['rate>0.99'],
};
if (POLL_EVERY) {
  thresholds.time_to_score = [
    `p(95)<${numberSetting('SCORE_P95_MS', 1000)}`,
    `p(99)<${numberSetting('SCORE_P99_MS', 2000)}`,
  ];
  thresholds.score_timeouts = ['rate<0.01'];
}

export const options = {
  scenarios: {
    [plan.name]: {
      executor: 'ramping-arrival-rate',
      startRate: plan.startRate,
      timeUnit: '1s',
      preAllocatedVUs: Math.min(maxVUs, Math.ceil(peak * 0.1) + 5),
      maxVUs,
      stages: plan.stages.map((s) => ({ duration: `${s.durationS}s`, target: s.target })),
      // Let polls in flight at the end finish, so their scores are counted.
      gracefulStop: `${Math.ceil(SCORE_TIMEOUT_MS / 1000) + 5}s`,
    },
  },
  thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
};

function pollUntilScored(id, postedAt) {
  const deadline = postedAt + SCORE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    sleep(POLL_INTERVAL_MS / 1000);
    const response = http.get(`${BASE_URL}/payments/${id}`, {
      tags: { name: 'GET /payments/:id' },
    });
    if (response.status === 200 && response.json('status') === 'scored') {
      timeToScore.add(Date.now() - postedAt);
      // Server-side: the database commit (what Debezium streams) to the topology's score.
      const committed = Date.parse(response.json('createdAt'));
      const scored = Date.parse(response.json('score.scoredAt'));
      if (Number.isFinite(committed) && Number.isFinite(scored))
        commitToScore.add(scored - committed);
      scoreTimeouts.add(false);
      return;
    }
  }
  scoreTimeouts.add(true);
}

export default function () {
  const iteration = exec.scenario.iterationInTest;
  const payment = payments[iteration % payments.length];
  // A file shorter than the run is reused with fresh keys, so the API stores new payments.
  const round = Math.floor(iteration / payments.length);
  const key = round === 0 ? payment.key : `${payment.key}~${round}`;
  const postedAt = Date.now();
  const response = http.post(`${BASE_URL}/payments`, payment.body, {
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    tags: { name: 'POST /payments' },
  });
  const ok = check(response, { 'POST /payments answers 202': (r) => r.status === 202 });
  accepted.add(ok);
  if (payment.fraud) fraudPosted.add(1);
  if (ok && POLL_EVERY && iteration % POLL_EVERY === 0)
    pollUntilScored(response.json('id'), postedAt);
}

function formatMs(value) {
  return value === undefined ? '-' : `${value.toFixed(1)} ms`;
}

/** A few lines for the console; the full figures go to the JSON summary. */
function consoleSummary(data) {
  const lines = [`scenario ${plan.name}: ${plan.description ?? ''}`];
  const trend = (label, metric) => {
    const values = data.metrics[metric]?.values;
    // A metric a threshold names is listed even without samples, all zeros.
    if (!values || (values.max === 0 && values.min === 0)) return;
    lines.push(
      `  ${label.padEnd(22)} p50 ${formatMs(values.med)}  p95 ${formatMs(values['p(95)'])}  p99 ${formatMs(values['p(99)'])}  max ${formatMs(values.max)}`,
    );
  };
  trend('POST /payments', 'http_req_duration{name:POST /payments}');
  trend('time to score', 'time_to_score');
  trend('commit to score', 'commit_to_score');
  const posted = data.metrics.payments_accepted?.values ?? { passes: 0, fails: 0, rate: 0 };
  lines.push(
    `  payments posted ${posted.passes + posted.fails}, accepted ${(posted.rate * 100).toFixed(2)} %, dropped iterations ${data.metrics.dropped_iterations?.values.count ?? 0}`,
  );
  for (const [metric, { thresholds: results }] of Object.entries(data.metrics)) {
    for (const [expression, result] of Object.entries(results ?? {})) {
      lines.push(`  ${result.ok ? 'pass' : 'FAIL'}  ${metric} ${expression}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function handleSummary(data) {
  return {
    [setting('SUMMARY_FILE', 'summary.json')]: JSON.stringify(data, null, 2),
    stdout: consoleSummary(data),
  };
}
