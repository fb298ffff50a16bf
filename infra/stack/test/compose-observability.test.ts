/**
 * Prometheus and Grafana of docker-compose.yml: Prometheus scrapes every service at the port
 * the service listens on; Grafana's provisioned datasource is the one every dashboard panel
 * queries; the dashboards parse, are where the provider looks, and chart metrics the code
 * defines (or that a service still being written is listed to define).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadStackConfig } from '@fraud/stack';
import {
  activeServices,
  bindMounts,
  environmentOf,
  publishedPorts,
  readComposeDocument,
  type ComposeFile,
} from './compose-model.js';
import { PENDING_METRICS } from './compose-pending.js';
import { listWorkspaces } from './compose-workspaces.js';

const root = loadStackConfig().root;
const services = activeServices(readComposeDocument(root) as ComposeFile, []);
const observability = join(root, 'infra', 'observability');

/** Where a bind mount of this service puts a host path (./infra/... → /etc/...). */
function mountTarget(service: string, hostPath: string): string | undefined {
  return bindMounts(services[service] ?? {}).find((m) => m.source === hostPath)?.target;
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs: { targets: string[] }[];
}

test('Prometheus scrapes every service at the port it listens on', () => {
  const configPath = './infra/observability/prometheus/prometheus.yml';
  assert.equal(mountTarget('prometheus', configPath), '/etc/prometheus/prometheus.yml');
  const config = parse(readFileSync(join(root, configPath), 'utf8')) as {
    scrape_configs: ScrapeConfig[];
  };
  const scraped = new Map<string, string>();
  for (const job of config.scrape_configs) {
    assert.equal(job.metrics_path ?? '/metrics', '/metrics', job.job_name);
    for (const target of job.static_configs.flatMap((c) => c.targets)) {
      const [host = '', port = ''] = target.split(':');
      if (host === 'localhost') {
        assert.equal(job.job_name, 'prometheus', 'only Prometheus scrapes itself on localhost');
        continue;
      }
      const service = services[host];
      assert.ok(service, `${job.job_name}: ${host} is no compose service`);
      const env = environmentOf(service);
      // The port the process listens on: its PORT (HTTP services) or METRICS_PORT (streams).
      const listens = env.METRICS_PORT ?? env.PORT;
      assert.equal(port, listens, `${job.job_name}: ${target} vs the service's port`);
      assert.ok(
        publishedPorts(service).some((p) => String(p.containerPort) === port),
        `${host}:${port} is the port compose publishes too`,
      );
      assert.equal(job.job_name, host, 'job names are service names (the dashboards use them)');
      scraped.set(host, port);
    }
  }
  for (const name of ['payments-api', 'alerts-api', 'lake-sink', 'streams']) {
    assert.ok(scraped.has(name), `${name} is not scraped`);
  }
});

const provisioning = join(observability, 'grafana', 'provisioning');
const datasources = parse(
  readFileSync(join(provisioning, 'datasources', 'prometheus.yml'), 'utf8'),
) as { datasources: { uid: string; type: string; url: string }[] };
const datasource = datasources.datasources[0];

test('Grafana provisions the compose Prometheus as a datasource with a fixed uid', () => {
  assert.equal(
    mountTarget('grafana', './infra/observability/grafana/provisioning'),
    '/etc/grafana/provisioning',
  );
  assert.equal(datasources.datasources.length, 1);
  assert.ok(datasource?.uid);
  assert.equal(datasource.type, 'prometheus');
  const prometheusPort = publishedPorts(services.prometheus ?? {})[0]?.containerPort;
  assert.equal(datasource.url, `http://prometheus:${prometheusPort}`);
});

interface Target {
  expr: string;
  datasource?: { uid?: string };
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Target[];
  panels?: Panel[];
}

const dashboardsDir = join(observability, 'grafana', 'dashboards');
const dashboardFiles = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'));
const dashboards = dashboardFiles.map(
  (file) =>
    [
      file,
      JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as {
        uid: string;
        panels: Panel[];
      },
    ] as const,
);
const queryPanels = dashboards.flatMap(([file, d]) =>
  d.panels
    .flatMap((p) => [p, ...(p.panels ?? [])])
    .filter((p) => p.type !== 'row')
    .map((p) => ({ file, panel: p })),
);

test('the dashboards are where the provider reads them, and parse', () => {
  const providers = parse(
    readFileSync(join(provisioning, 'dashboards', 'fraud-pipeline.yml'), 'utf8'),
  ) as { providers: { type: string; options: { path: string } }[] };
  const mounted = mountTarget('grafana', './infra/observability/grafana/dashboards');
  assert.deepEqual(
    providers.providers.map((p) => p.options.path),
    [mounted],
  );
  assert.ok(dashboards.length > 0);
  for (const [file, dashboard] of dashboards) assert.ok(dashboard.uid, `${file} has a uid`);
  const home = environmentOf(services.grafana ?? {}).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
  assert.ok(
    dashboardFiles.some((file) => `${mounted}/${file}` === home),
    `home ${home}`,
  );
});

test('every panel and query uses the provisioned datasource', () => {
  assert.ok(queryPanels.length >= 10);
  for (const { file, panel } of queryPanels) {
    const where = `${file}: ${panel.title}`;
    assert.equal(panel.datasource?.uid, datasource?.uid, where);
    assert.ok(panel.targets?.length, `${where} has queries`);
    for (const target of panel.targets ?? []) {
      assert.equal(target.datasource?.uid ?? panel.datasource?.uid, datasource?.uid, where);
      assert.ok(target.expr.trim(), `${where} has an expression`);
    }
  }
});

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);

/** Metric names of a PromQL expression: identifiers that are not functions, labels or keywords. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/\b[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()/g)]
    .map((m) => m[0])
    .filter((name) => !PROMQL_WORDS.has(name));
}

/** Metrics the code registers with prom-client: `new Counter({ name: '...' })` and friends. */
function definedMetrics(): Map<string, string> {
  const defined = new Map<string, string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(
          /new (Counter|Gauge|Histogram|Summary)\(\{\s*name:\s*'([^']+)'/g,
        )) {
          defined.set(m[2] ?? '', m[1] ?? '');
        }
      }
    }
  };
  for (const workspace of listWorkspaces(root)) visit(join(root, workspace.dir));
  return defined;
}

test('the dashboards chart metrics the code defines, or that are listed as pending', () => {
  const defined = definedMetrics();
  // collectDefaultMetrics (common/src/observability.ts) adds process_* and nodejs_*.
  const exposes = (name: string) => {
    if (/^(process|nodejs)_/.test(name)) return true;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    const kind = defined.get(name) ?? defined.get(base);
    return kind !== undefined && (base === name || kind === 'Histogram' || kind === 'Summary');
  };
  const used = new Set(
    queryPanels.flatMap(({ panel }) => (panel.targets ?? []).flatMap((t) => metricNames(t.expr))),
  );
  assert.ok(used.has('streams_e2e_latency_seconds_bucket'), 'end-to-end latency is charted');
  for (const name of used) {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    assert.ok(exposes(name) || base in PENDING_METRICS, `${name} is defined nowhere`);
  }
  for (const name of Object.keys(PENDING_METRICS)) {
    assert.ok(
      !defined.has(name),
      `${name} is now defined: check the dashboard's use of it, then remove it from compose-pending.ts`,
    );
  }
});

test('metric names are read from PromQL correctly', () => {
  assert.deepEqual(
    metricNames(
      'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="payments-api"}[1m])))',
    ),
    ['http_request_duration_seconds_bucket'],
  );
  assert.deepEqual(metricNames('sum(rate(a_total[5m])) / sum(rate(b_total[5m])) * 60'), [
    'a_total',
    'b_total',
  ]);
});
