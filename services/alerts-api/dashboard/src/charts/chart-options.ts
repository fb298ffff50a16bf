import uPlot from 'uplot';
import { formatMs, PERCENTILES } from './series.js';
import type { ChartOptions } from './UPlotChart.js';

/** Colours shared with styles.css (--accent, --danger, --muted). */
const COLORS = {
  accent: '#3b6ef5',
  accentFill: 'rgba(59,110,245,0.35)',
  danger: '#d64545',
  dangerFill: 'rgba(214,69,69,0.55)',
  neutral: '#9aa3b2',
  neutralFill: 'rgba(154,163,178,0.3)',
  grid: '#eceef3',
  text: '#6b7280',
};

const barsBuilder = uPlot.paths.bars;
if (!barsBuilder) throw new Error('this uPlot build has no bars path builder');
const bars = (size: number, maxPx: number) => barsBuilder({ size: [size, maxPx], align: 0 });

const axis = (extra: Partial<uPlot.Axis> = {}): uPlot.Axis => ({
  stroke: COLORS.text,
  grid: { stroke: COLORS.grid, width: 1 },
  ticks: { show: false },
  font: '11px system-ui, sans-serif',
  size: 24,
  gap: 4,
  ...extra,
});

/** Tick labels; uPlot passes null for ticks it leaves unlabelled (minor ticks of a log axis). */
const labels =
  (format: (tick: number) => string): uPlot.Axis.DynamicValues =>
  (_u, ticks) =>
    ticks.map((tick: number | null) => (tick === null ? '' : format(tick)));

const clock = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 10 ** Math.floor(Math.log10(Math.max(min, 1))); d <= max; d *= 10) out.push(d);
  return out;
}

const fromZero: uPlot.Scale.Range = (_u, _min, max) => [0, Math.max(1, max * 1.15)];

const compact = { legend: { show: false }, cursor: { y: false, points: { show: false } } };

export const alertsPerMinuteOptions: ChartOptions = {
  ...compact,
  scales: { x: { time: true }, y: { range: fromZero } },
  axes: [axis({ space: 70, values: labels(clock) }), axis({ size: 30, space: 20 })],
  series: [
    {},
    {
      label: 'alerts',
      stroke: COLORS.accent,
      fill: COLORS.accentFill,
      paths: bars(0.7, 16),
      points: { show: false },
    },
  ],
};

/** Scored payments (grey) and the alerts among them (red), log scale: alerts are the rare tail. */
export const scoreHistogramOptions: ChartOptions = {
  ...compact,
  scales: {
    x: { time: false, range: [0, 1] },
    y: { distr: 3, log: 10, range: (_u, _min, max) => [1, Math.max(10, max * 2)] },
  },
  axes: [
    axis({ space: 36, values: labels((t) => t.toFixed(1)) }),
    axis({
      size: 34,
      space: 20,
      // Only the decades: a log axis otherwise draws a grid line at every 2, 3, ... 9.
      splits: (_u, _axis, min, max) => decades(min, max),
      values: labels((t) => t.toLocaleString('en')),
    }),
  ],
  series: [
    {},
    {
      label: 'scored payments',
      stroke: COLORS.neutral,
      fill: COLORS.neutralFill,
      paths: bars(0.9, 30),
      points: { show: false },
    },
    {
      label: 'alerts',
      stroke: COLORS.danger,
      fill: COLORS.dangerFill,
      paths: bars(0.5, 16),
      points: { show: false },
    },
  ],
};

/** p50/p95/p99/max as categories: end to end (wide bar) with the topology's share inside it. */
export const latencyOptions: ChartOptions = {
  ...compact,
  scales: { x: { time: false, range: [-0.5, PERCENTILES.length - 0.5] }, y: { range: fromZero } },
  axes: [
    axis({
      space: 20,
      grid: { show: false },
      splits: () => PERCENTILES.map((_, i) => i),
      values: () => [...PERCENTILES],
    }),
    axis({ size: 44, space: 20, values: labels(formatMs) }),
  ],
  series: [
    {},
    {
      label: 'end to end',
      stroke: COLORS.danger,
      fill: COLORS.dangerFill,
      paths: bars(0.6, 40),
      points: { show: false },
    },
    {
      label: 'scoring',
      stroke: COLORS.accent,
      fill: COLORS.accentFill,
      paths: bars(0.3, 20),
      points: { show: false },
    },
  ],
};
