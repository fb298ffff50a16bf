import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { K6Summary } from './k6-summary.js';
import { renderReport, type ReportInput } from './render-report.js';
import type { BucketStats } from './time-buckets.js';

const bucket = (t: number, count: number, p: number, sum = 0): BucketStats => ({
  t,
  count,
  sum,
  p50: p,
  p95: p * 2,
  p99: p * 3,
  max: p * 4,
});

const summary: K6Summary = {
  metrics: {
    'http_req_duration{name:POST /payments}': {
      type: 'trend',
      contains: 'time',
      values: { avg: 8.25, med: 6.5, 'p(90)': 10, 'p(95)': 12.04, 'p(99)': 40, max: 45 },
      thresholds: { 'p(95)<250': { ok: true }, 'p(99)<30': { ok: false } },
    },
    payments_accepted: {
      type: 'rate',
      values: { rate: 1, passes: 25, fails: 0 },
      thresholds: { 'rate>0.99': { ok: true } },
    },
    dropped_iterations: { type: 'counter', values: { count: 2, rate: 0.4 } },
  },
};

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  title: 'Load test: steady',
  description: 'a constant <rate>',
  facts: [['payments-api', 'http://127.0.0.1:8080']],
  summary,
  series: {
    bucketSeconds: 1,
    post: [bucket(0, 5, 6), bucket(1, 5, 7)],
    score: [],
    failed: [bucket(0, 5, 0, 1), bucket(1, 5, 0, 0)],
  },
  ...over,
});

test('says how many thresholds failed, and which', () => {
  const html = renderReport(input());
  assert.match(html, /1 of 3 thresholds failed/);
  assert.match(
    html,
    /<tr class="fail"><td>FAIL<\/td><td>http_req_duration\{name:POST \/payments\}<\/td><td><code>p\(99\)&lt;30<\/code>/,
  );
  assert.match(html, /<tr class="pass"><td>pass<\/td><td>payments_accepted<\/td>/);
});

test('lists the whole-run figures', () => {
  const html = renderReport(input());
  assert.match(
    html,
    /<th>POST \/payments \(server answer\)<\/th><td>8\.3<\/td><td>6\.5<\/td><td>10\.0<\/td><td>12\.0<\/td><td>40\.0<\/td><td>45\.0<\/td>/,
  );
  assert.match(html, /<th>payments posted<\/th><td>25<\/td>/);
  assert.match(html, /<th>iterations dropped \(k6 out of VUs\)<\/th><td>2<\/td>/);
  assert.doesNotMatch(html, /time to score \(client/, 'no row for a metric the run lacks');
});

test('charts latency and throughput over time; time to score only when measured', () => {
  const without = renderReport(input());
  assert.equal((without.match(/<svg /g) ?? []).length, 2);
  assert.doesNotMatch(without, /Time to score over time/);
  const withScores = renderReport(
    input({
      series: { ...input().series, score: [bucket(0, 1, 300), bucket(1, 1, 350)] },
    }),
  );
  assert.equal((withScores.match(/<svg /g) ?? []).length, 3);
  assert.match(withScores, /Time to score over time/);
  assert.match(without, /class="legend">failed</);
});

test('text from the run is escaped', () => {
  const html = renderReport(input());
  assert.match(html, /a constant &lt;rate&gt;/);
  assert.doesNotMatch(html, /<rate>/);
});
