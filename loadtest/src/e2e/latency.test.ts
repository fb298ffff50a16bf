import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArrivalLog, summarizeLatency } from './latency.js';

test('nearest-rank percentiles, max and mean of unsorted latencies', () => {
  const values = Array.from({ length: 200 }, (_, i) => 200 - i);
  assert.deepEqual(summarizeLatency(values), {
    count: 200,
    p50: 100,
    p95: 190,
    p99: 198,
    max: 200,
    mean: 100.5,
  });
  assert.deepEqual(summarizeLatency([42]), {
    count: 1,
    p50: 42,
    p95: 42,
    p99: 42,
    max: 42,
    mean: 42,
  });
});

test('no latencies summarise to nulls, not zeros', () => {
  assert.deepEqual(summarizeLatency([]), {
    count: 0,
    p50: null,
    p95: null,
    p99: null,
    max: null,
    mean: null,
  });
});

test('a window takes the records committed in it, however late they arrive', () => {
  const log = new ArrivalLog();
  log.add({ eventTime: 900, processedAt: 950, arrivedAt: 1000 }); // warm-up
  log.add({ eventTime: 1000, processedAt: 1040, arrivedAt: 1100 });
  log.add({ eventTime: 1500, processedAt: 1520, arrivedAt: 1530 });
  log.add({ eventTime: 1999, processedAt: 2200, arrivedAt: 2500 }); // arrives after the window
  log.add({ eventTime: 2000, processedAt: 2010, arrivedAt: 2020 }); // next window
  assert.deepEqual(log.window(1000, 2000), {
    toArrival: [100, 30, 501],
    toProcessed: [40, 20, 201],
  });
  assert.equal(log.countCommitted(1000, 2000), 3);
  assert.deepEqual(
    [...log.points(1000, 2000)],
    [
      [1000, 100],
      [1500, 30],
      [1999, 501],
    ],
  );
  assert.equal(log.count, 5);
});

test('latencies since an index are those of the records that arrived after it', () => {
  const log = new ArrivalLog();
  log.add({ eventTime: 10, processedAt: 15, arrivedAt: 20 });
  log.add({ eventTime: 30, processedAt: 35, arrivedAt: 45 });
  log.add({ eventTime: 50, processedAt: 55, arrivedAt: 52 });
  assert.deepEqual(log.latenciesSince(1), [15, 2]);
  assert.deepEqual(log.latenciesSince(3), []);
});
