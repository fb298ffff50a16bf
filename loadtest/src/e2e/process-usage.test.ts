import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcessSample } from './process-sampler.js';
import { summarizeUsage } from './process-usage.js';

const MiB = 1024 ** 2;
const sample = (
  tick: number,
  name: string,
  cpuPercent: number | null,
  rssMiB: number,
  group: ProcessSample['group'] = 'stack',
): ProcessSample => ({
  tick,
  atMs: 10_000 + tick * 2000,
  name,
  group,
  cpuPercent,
  rssBytes: rssMiB * MiB,
  pssBytes: (rssMiB / 2) * MiB,
  processes: 1,
});

const SAMPLES = [
  sample(0, 'kafka', null, 500),
  sample(0, 'payments-api', null, 100, 'service'),
  sample(0, 'bench driver', null, 90, 'driver'),
  sample(1, 'kafka', 40, 520),
  sample(1, 'payments-api', 80, 110, 'service'),
  sample(1, 'bench driver', 50, 95, 'driver'),
  sample(2, 'kafka', 60, 510),
  sample(2, 'payments-api', 100, 130, 'service'),
  sample(2, 'bench driver', 30, 99, 'driver'),
];

test('per process: mean and max CPU leave out the first reading, max RSS and PSS', () => {
  const usage = summarizeUsage(SAMPLES, 0, Infinity);
  const kafka = usage.processes.find((p) => p.name === 'kafka');
  assert.deepEqual(kafka, {
    name: 'kafka',
    group: 'stack',
    cpuMeanPercent: 50,
    cpuMaxPercent: 60,
    rssMaxBytes: 520 * MiB,
    pssMaxBytes: 260 * MiB,
  });
  assert.equal(usage.processes.length, 3);
});

test('totals add the processes of one tick, without the bench driver', () => {
  const usage = summarizeUsage(SAMPLES, 0, Infinity);
  // Tick 1: 520 + 110; tick 2: 510 + 130 = 640 MiB, the largest.
  assert.equal(usage.totalRssMaxBytes, 640 * MiB);
  assert.equal(usage.totalPssMaxBytes, 320 * MiB);
  // Ticks 1 and 2 (tick 0 has no CPU reading): 120 % and 160 %.
  assert.equal(usage.totalCpuMeanPercent, 140);
  assert.equal(usage.samples, 3);
});

test('only the samples inside the window count', () => {
  const usage = summarizeUsage(SAMPLES, 12_000, 12_000);
  assert.equal(usage.samples, 1);
  assert.equal(usage.totalRssMaxBytes, 630 * MiB);
  assert.deepEqual(summarizeUsage(SAMPLES, 50_000, 60_000), {
    processes: [],
    totalRssMaxBytes: 0,
    totalPssMaxBytes: 0,
    totalCpuMeanPercent: null,
    samples: 0,
  });
});
