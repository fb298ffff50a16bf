import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostTrafficResult } from '../generator/index.js';
import { ArrivalLog } from './latency.js';
import { stepResult, type StepInputs } from './step-result.js';

const START = 1_000_000;
const traffic: PostTrafficResult = {
  sent: 300,
  accepted: 300,
  replayed: 0,
  rejected: 0,
  rejections: {},
  fraudSent: 3,
  elapsedMs: 30_000,
  ratePerSecond: 10,
  latencyMs: { p50: 4, p95: 9, p99: 20, max: 40 },
  aborted: false,
};

/** 10 payments/s for 30 s: the first 10 s (warm-up) slow, the rest at `latency`. */
function inputs(latency: number): StepInputs {
  const cdc = new ArrivalLog();
  const scored = new ArrivalLog();
  for (let i = 0; i < 300; i++) {
    const eventTime = START + i * 100;
    const late = eventTime < START + 10_000 ? 900 : latency;
    cdc.add({ eventTime, processedAt: eventTime + 5, arrivedAt: eventTime + 20 });
    scored.add({ eventTime, processedAt: eventTime + late - 30, arrivedAt: eventTime + late });
  }
  const alerts = new ArrivalLog();
  alerts.add({ eventTime: START + 20_000, processedAt: START + 20_050, arrivedAt: START + 20_070 });
  return {
    rate: 10,
    startedAt: START,
    stoppedAt: START + 30_000,
    warmupMs: 10_000,
    traffic,
    cdc,
    scored,
    alerts,
    lagSamples: Array.from({ length: 16 }, (_, i) => ({ atMs: START + i * 2000, lag: i % 3 })),
    processSamples: [],
    sampleEveryMs: 2000,
    driverLoopDelayMs: { p99: 3, max: 9 },
    p99TargetMs: 250,
  };
}

test('latencies leave the warm-up out; counts cover the whole step', () => {
  const step = stepResult(inputs(120));
  assert.equal(step.fromMs, START + 10_000);
  assert.equal(step.latencyMs.commitToScored.count, 200);
  assert.equal(step.latencyMs.commitToScored.max, 120);
  assert.equal(step.latencyMs.commitToScoring.p99, 90);
  assert.equal(step.latencyMs.commitToCdc.p50, 20);
  assert.equal(step.latencyMs.commitToAlert.count, 1);
  assert.equal(step.scored, 300);
  assert.equal(step.alerts, 1);
  assert.equal(step.lag.growing, false);
  assert.ok(step.lagOverTime.length > 0 && step.lagIntervalS >= 2);
  assert.deepEqual(step.verdict, { pass: true, reasons: [] });
});

test('a p99 over the target fails the step and says so', () => {
  const step = stepResult(inputs(400));
  assert.deepEqual(step.verdict, { pass: false, reasons: ['p99 400 ms > 250 ms'] });
  assert.ok(step.latencyOverTime.every((b) => b.count === 0 || b.p99 === 400));
});
