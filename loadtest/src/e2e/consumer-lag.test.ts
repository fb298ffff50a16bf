import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupLag, lagTrend } from './consumer-lag.js';

test('lag sums end minus committed offset over the partitions', () => {
  const ends = [
    { partition: 0, high: '120', low: '0' },
    { partition: 1, high: '80', low: '0' },
  ];
  assert.equal(
    groupLag(
      [
        { partition: 0, offset: '100' },
        { partition: 1, offset: '80' },
      ],
      ends,
    ),
    20,
  );
});

test('a partition without a commit counts from its low watermark', () => {
  const ends = [
    { partition: 0, high: '50', low: '10' },
    { partition: 1, high: '30', low: '5' },
  ];
  assert.equal(groupLag([{ partition: 0, offset: '-1' }], ends), 40 + 25);
});

test('a commit past the end (a stale end offset) counts as no lag, not negative', () => {
  assert.equal(
    groupLag([{ partition: 0, offset: '60' }], [{ partition: 0, high: '50', low: '0' }]),
    0,
  );
});

const every2s = (lags: number[]) => lags.map((lag, i) => ({ atMs: 1_000_000 + i * 2000, lag }));

test('lag that hovers is steady; lag that climbs grows', () => {
  const steady = lagTrend(every2s([30, 0, 45, 10, 0, 60, 5, 20, 0, 40]), 500);
  assert.equal(steady.growing, false);
  assert.equal(steady.max, 60);
  assert.equal(steady.last, 40);
  assert.equal(steady.mean, 21);

  // +100 records/s over 18 s: 1800 more than the start, beyond a tolerance of 500.
  const climbing = lagTrend(every2s([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800]), 500);
  assert.equal(climbing.growing, true);
  assert.equal(climbing.slopePerSecond, 100);
});

test('growth within the tolerance is still steady', () => {
  const slow = lagTrend(every2s([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]), 500);
  assert.equal(slow.slopePerSecond, 5);
  assert.equal(slow.growing, false);
});

test('no samples or a single one give no trend', () => {
  assert.deepEqual(lagTrend([], 100), {
    samples: 0,
    mean: null,
    max: null,
    last: null,
    slopePerSecond: null,
    growing: false,
  });
  const one = lagTrend(every2s([7]), 100);
  assert.equal(one.slopePerSecond, null);
  assert.equal(one.growing, false);
});
