import type { Stats } from '../api/types.js';

/** Columns for a chart: x values, then one array per series (uPlot's aligned data). */
export type Columns = [number[], ...(number | null)[][]];

/** Alerts per minute (the API sends every minute of the window); x in epoch seconds. */
export function alertsPerMinuteColumns(points: Stats['alertsPerMinute']): Columns {
  return [points.map((p) => Date.parse(p.minute) / 1000), points.map((p) => p.count)];
}

/**
 * The score histogram as bars at each bin's centre: every scored payment, and the alerts among
 * them. Empty bins are gaps (null), which a logarithmic axis needs.
 */
export function scoreHistogramColumns(bins: Stats['scoreHistogram']): Columns {
  const sorted = [...bins].sort((a, b) => a.from - b.from);
  const orGap = (n: number) => (n > 0 ? n : null);
  return [
    sorted.map((b) => (b.from + b.to) / 2),
    sorted.map((b) => orGap(b.count)),
    sorted.map((b) => orGap(b.alerts)),
  ];
}

export const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;

/** Latency percentiles as categories (x = 0..3): end to end, and the topology's share of it. */
export function latencyColumns(stats: Pick<Stats, 'latencyMs' | 'scoringLatencyMs'>): Columns {
  return [
    PERCENTILES.map((_, i) => i),
    PERCENTILES.map((p) => stats.latencyMs[p]),
    PERCENTILES.map((p) => stats.scoringLatencyMs[p]),
  ];
}

/** 250 → "250 ms", 6387 → "6.4 s", 95000 → "95 s". */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
