import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketMsFor, quantile, TimeBuckets } from './time-buckets.js';

test('quantiles by nearest rank', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(quantile(sorted, 0.5), 50);
  assert.equal(quantile(sorted, 0.95), 95);
  assert.equal(quantile(sorted, 0.99), 99);
  assert.equal(quantile([7], 0.99), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('values land in their interval; intervals without values stay, empty', () => {
  const buckets = new TimeBuckets(10_000, 1000);
  buckets.add(10_100, 5);
  buckets.add(10_900, 1);
  buckets.add(12_500, 40);
  const stats = buckets.stats();
  assert.deepEqual(
    stats.map((b) => [b.t, b.count, b.sum, b.p50, b.max]),
    [
      [0, 2, 6, 1, 5],
      [1, 0, 0, NaN, NaN],
      [2, 1, 40, 40, 40],
    ],
  );
});

test('a sample before the start counts in the first interval', () => {
  const buckets = new TimeBuckets(5000, 1000);
  buckets.add(4990, 3);
  assert.equal(buckets.stats()[0]?.count, 1);
});

test('interval width keeps charts to a few hundred points', () => {
  assert.equal(bucketMsFor(5_000), 1000);
  assert.equal(bucketMsFor(600_000), 3000);
  assert.equal(bucketMsFor(3_600_000, 240), 15_000);
});
