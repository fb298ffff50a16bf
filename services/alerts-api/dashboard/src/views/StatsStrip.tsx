import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { Stats } from '../api/types.js';
import {
  alertsPerMinuteOptions,
  latencyOptions,
  scoreHistogramOptions,
} from '../charts/chart-options.js';
import {
  alertsPerMinuteColumns,
  formatMs,
  latencyColumns,
  scoreHistogramColumns,
} from '../charts/series.js';
import { UPlotChart } from '../charts/UPlotChart.js';

const WINDOW = '15m';
const POLL_MS = 5_000;
const CHART_HEIGHT = 96;

/** The pipeline at a glance, refreshed every few seconds: volume, scores and latency. */
export function StatsStrip({ api }: { api: ApiClient }) {
  const stats = useSignal<Stats | null>(null);
  const failed = useSignal(false);

  useEffect(() => {
    let stopped = false;
    async function poll() {
      try {
        const next = await api.stats(WINDOW);
        if (stopped) return;
        stats.value = next;
        failed.value = false;
      } catch {
        failed.value = true;
      }
    }
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, stats, failed]);

  const current = stats.value;
  const perMinute = useMemo(
    () => alertsPerMinuteColumns(current?.alertsPerMinute ?? []),
    [current],
  );
  const histogram = useMemo(() => scoreHistogramColumns(current?.scoreHistogram ?? []), [current]);
  const latency = useMemo(
    () => (current ? latencyColumns(current) : latencyColumns(EMPTY_LATENCY)),
    [current],
  );
  const total = current?.alertsPerMinute.reduce((sum, p) => sum + p.count, 0) ?? 0;
  const by = current?.byStatus;

  return (
    <section
      class={`stats${failed.value ? ' stats--stale' : ''}`}
      aria-label="Pipeline statistics"
      title={failed.value ? 'statistics are not updating' : undefined}
    >
      <div class="card card--counts" data-testid="status-counts">
        <h3 class="card__title">Queue</h3>
        <dl class="counts">
          <dt>open</dt>
          <dd>{by?.open ?? '—'}</dd>
          <dt>acknowledged</dt>
          <dd>{by?.acknowledged ?? '—'}</dd>
          <dt>assigned</dt>
          <dd>{by?.assigned ?? '—'}</dd>
          <dt>resolved</dt>
          <dd>{by?.resolved ?? '—'}</dd>
        </dl>
      </div>
      <div class="card">
        <h3 class="card__title">
          Alerts / minute
          <span class="card__figure">
            {total} in {WINDOW}
          </span>
        </h3>
        <UPlotChart
          options={alertsPerMinuteOptions}
          data={perMinute}
          height={CHART_HEIGHT}
          label="alerts per minute"
        />
      </div>
      <div class="card">
        <h3 class="card__title">
          Score distribution
          <span class="card__figure">
            <span class="legend legend--payments">payments</span>
            <span class="legend legend--alerts">alerts</span>
          </span>
        </h3>
        <UPlotChart
          options={scoreHistogramOptions}
          data={histogram}
          height={CHART_HEIGHT}
          label="score histogram of scored payments and alerts"
        />
      </div>
      <div class="card">
        <h3 class="card__title">
          Latency
          <span class="card__figure">
            <span class="legend legend--e2e" title="alert stored − payment committed">
              end to end p95 {formatMs(current?.latencyMs.p95 ?? null)}
            </span>
            <span class="legend legend--scoring" title="scored − payment committed">
              scoring
            </span>
          </span>
        </h3>
        <UPlotChart
          options={latencyOptions}
          data={latency}
          height={CHART_HEIGHT}
          label="latency percentiles, end to end and scoring"
        />
      </div>
    </section>
  );
}

const NONE = { p50: null, p95: null, p99: null, max: null, count: 0 };
const EMPTY_LATENCY = { latencyMs: NONE, scoringLatencyMs: NONE };
