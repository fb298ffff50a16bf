import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alertsPerMinuteColumns,
  formatMs,
  latencyColumns,
  scoreHistogramColumns,
} from './series.js';

const percentiles = (
  p50: number | null,
  p95: number | null,
  p99: number | null,
  max: number | null,
) => ({
  p50,
  p95,
  p99,
  max,
  count: 3,
});

test('alerts per minute are plotted at each minute, in epoch seconds', () => {
  assert.deepEqual(
    alertsPerMinuteColumns([
      { minute: '2026-11-23T12:01:00.000Z', count: 0 },
      { minute: '2026-11-23T12:02:00.000Z', count: 3 },
    ]),
    [
      [1795435260, 1795435320],
      [0, 3],
    ],
  );
});

test('histogram bars sit at their bin centres, in order, empty bins as gaps', () => {
  assert.deepEqual(
    scoreHistogramColumns([
      { from: 0.9, to: 1, count: 4, alerts: 4 },
      { from: 0, to: 0.1, count: 20, alerts: 0 },
    ]),
    [
      [0.05, 0.95],
      [20, 4],
      [null, 4],
    ],
  );
});

test('latency percentiles become categories, end to end beside scoring', () => {
  assert.deepEqual(
    latencyColumns({
      latencyMs: percentiles(120, 400, 900, 1500),
      scoringLatencyMs: percentiles(80, 200, null, null),
    }),
    [
      [0, 1, 2, 3],
      [120, 400, 900, 1500],
      [80, 200, null, null],
    ],
  );
});

test('durations read in the unit that fits', () => {
  assert.equal(formatMs(null), '—');
  assert.equal(formatMs(249.6), '250 ms');
  assert.equal(formatMs(6387), '6.4 s');
  assert.equal(formatMs(95_000), '95 s');
});
