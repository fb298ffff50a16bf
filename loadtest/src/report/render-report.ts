import type { K6Summary } from './k6-summary.js';
import { thresholdResults } from './k6-summary.js';
import { escapeXml, lineChart, type ChartSeries } from './svg-chart.js';
import type { BucketStats } from './time-buckets.js';

export interface ReportSeries {
  bucketSeconds: number;
  /** http_req_duration of POST /payments, ms. */
  post: readonly BucketStats[];
  /** time_to_score, ms (empty when scores were not polled). */
  score: readonly BucketStats[];
  /** http_req_failed of POST /payments (1 per failure). */
  failed: readonly BucketStats[];
}

export interface ReportInput {
  title: string;
  description: string;
  /** Label/value lines under the title: target, start, rate profile, ... */
  facts: readonly (readonly [string, string])[];
  summary: K6Summary;
  series: ReportSeries;
}

const TRENDS: readonly (readonly [string, string])[] = [
  ['POST /payments (server answer)', 'http_req_duration{name:POST /payments}'],
  ['time to score (client: POST → scored)', 'time_to_score'],
  ['commit to score (server timestamps)', 'commit_to_score'],
];
const TREND_STATS = ['avg', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'] as const;

const ms = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(1);

function trendTable(summary: K6Summary): string {
  // k6 lists a metric a threshold names even without samples, all zeros: leave it out.
  const measured = (metric: string) => {
    const values = summary.metrics[metric]?.values;
    return values !== undefined && !(values.max === 0 && values.min === 0);
  };
  const rows = TRENDS.filter(([, metric]) => measured(metric)).map(([label, metric]) => {
    const values = summary.metrics[metric]?.values ?? {};
    const cells = TREND_STATS.map((stat) => `<td>${ms(values[stat])}</td>`).join('');
    return `<tr><th>${escapeXml(label)}</th>${cells}</tr>`;
  });
  const header = TREND_STATS.map((s) => `<th>${s === 'med' ? 'p50' : s}</th>`).join('');
  return `<table><thead><tr><th>ms</th>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function countsTable(summary: K6Summary): string {
  const m = summary.metrics;
  const accepted = m.payments_accepted?.values;
  const posted = accepted ? (accepted.passes ?? 0) + (accepted.fails ?? 0) : undefined;
  const percent = (rate: number | undefined) =>
    rate === undefined ? '–' : `${(rate * 100).toFixed(2)} %`;
  const rows: [string, string][] = [
    ['payments posted', posted === undefined ? '–' : String(posted)],
    ['accepted (202)', percent(accepted?.rate)],
    ['fraudulent payments posted', String(m.fraud_payments_posted?.values.count ?? 0)],
    ['iterations dropped (k6 out of VUs)', String(m.dropped_iterations?.values.count ?? 0)],
    ['scores not seen within the timeout', percent(m.score_timeouts?.values.rate)],
    ['HTTP requests per second (posts and polls)', ms(m.http_reqs?.values.rate)],
  ];
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('')}</tbody></table>`;
}

function thresholdTable(summary: K6Summary): string {
  const results = thresholdResults(summary);
  if (results.length === 0) return '<p>No thresholds.</p>';
  const rows = results.map(
    (r) =>
      `<tr class="${r.ok ? 'pass' : 'fail'}"><td>${r.ok ? 'pass' : 'FAIL'}</td><td>${escapeXml(r.metric)}</td><td><code>${escapeXml(r.expression)}</code></td></tr>`,
  );
  return `<table><thead><tr><th></th><th>metric</th><th>threshold</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const percentiles = (stats: readonly BucketStats[]): ChartSeries[] => [
  { label: 'p50', color: '#2b8a3e', points: stats.map((b) => [b.t, b.p50]) },
  { label: 'p95', color: '#e67700', points: stats.map((b) => [b.t, b.p95]) },
  { label: 'p99', color: '#c92a2a', points: stats.map((b) => [b.t, b.p99]) },
];

/** The HTML report: one self-contained file, charts as inline SVG. */
export function renderReport({ title, description, facts, summary, series }: ReportInput): string {
  const results = thresholdResults(summary);
  const failed = results.filter((r) => !r.ok).length;
  const charts = [
    lineChart({
      title: 'POST /payments latency over time',
      yUnit: 'ms',
      series: percentiles(series.post),
    }),
  ];
  if (series.score.length > 0) {
    charts.push(
      lineChart({
        title: 'Time to score over time (POST → status scored)',
        yUnit: 'ms',
        series: percentiles(series.score),
      }),
    );
  }
  charts.push(
    lineChart({
      title: 'Throughput',
      yUnit: 'per second',
      series: [
        {
          label: 'payments posted',
          color: '#1971c2',
          points: series.post.map((b) => [b.t, b.count / series.bucketSeconds]),
        },
        {
          label: 'failed',
          color: '#c92a2a',
          points: series.failed.map((b) => [b.t, b.sum / series.bucketSeconds]),
        },
      ],
    }),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 920px; color: #212529; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.2rem 0.7rem; text-align: left; border-bottom: 1px solid #dee2e6; }
td { font-variant-numeric: tabular-nums; }
tr.fail td:first-child { color: #c92a2a; font-weight: 600; }
tr.pass td:first-child { color: #2b8a3e; }
.verdict { font-weight: 600; color: ${failed > 0 ? '#c92a2a' : '#2b8a3e'}; }
svg { display: block; margin: 1rem 0; }
svg .title { font-weight: 600; font-size: 13px; }
svg .tick, svg .legend, svg .axis { font-size: 11px; fill: #495057; }
svg .grid { stroke: #e9ecef; }
svg .axisline { stroke: #868e96; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p>${escapeXml(description)}</p>
<table><tbody>${facts.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('')}</tbody></table>
<p class="verdict">${results.length === 0 ? 'no thresholds' : failed > 0 ? `${failed} of ${results.length} thresholds failed` : `all ${results.length} thresholds passed`}</p>
<h2>Thresholds</h2>
${thresholdTable(summary)}
<h2>Latency</h2>
${trendTable(summary)}
<h2>Counts</h2>
${countsTable(summary)}
<h2>Over time (${series.bucketSeconds} s intervals)</h2>
${charts.join('\n')}
</body>
</html>
`;
}
