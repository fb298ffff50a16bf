import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  peakRate,
  planScenario,
  plannedIterations,
  readScenarios,
  totalSeconds,
  type ScenarioShape,
} from './scenario-plan.js';

const shapes: Record<string, ScenarioShape> = {
  ramp: {
    description: 'up and down',
    startRate: 10,
    stages: [
      { durationS: 60, target: 200 },
      { durationS: 60, target: 200 },
      { durationS: 30, target: 10 },
    ],
  },
};

test('the shipped scenarios are the four of the load-test contract, and valid', () => {
  const shipped = readScenarios();
  assert.deepEqual(Object.keys(shipped).sort(), ['ramp', 'soak-short', 'spike', 'steady']);
  const soak = shipped['soak-short'];
  const spike = shipped.spike;
  assert.ok(soak && spike);
  assert.equal(totalSeconds(soak), 600);
  assert.equal(peakRate(spike), 500);
});

test('unscaled, a plan is the scenario as written', () => {
  assert.deepEqual(planScenario(shapes, 'ramp'), { name: 'ramp', ...shapes.ramp });
});

test('--rate scales every rate so the peak is the one asked for', () => {
  const plan = planScenario(shapes, 'ramp', { rate: 50 });
  assert.equal(plan.startRate, 3); // 10 × 50/200 = 2.5, rounded
  assert.deepEqual(
    plan.stages.map((s) => s.target),
    [50, 50, 3],
  );
  assert.match(plan.description, /^up and down; scaled to a peak of 50\/s over 150 s$/);
});

test('--duration stretches or squeezes every stage, none below a second', () => {
  const plan = planScenario(shapes, 'ramp', { durationS: 15 });
  assert.deepEqual(
    plan.stages.map((s) => s.durationS),
    [6, 6, 3],
  );
  const tiny = planScenario(shapes, 'ramp', { durationS: 1 });
  assert.ok(tiny.stages.every((s) => s.durationS === 1));
});

test('planned iterations are the area under the rate curve', () => {
  // (10+200)/2×60 + 200×60 + (200+10)/2×30 = 6300 + 12000 + 3150
  assert.equal(plannedIterations(planScenario(shapes, 'ramp')), 21_450);
});

test('an unknown scenario is refused with the known ones named', () => {
  assert.throws(
    () => planScenario(shapes, 'stedy'),
    (error: Error & { code?: string }) =>
      error.code === 'UNKNOWN_SCENARIO' && /one of ramp/.test(error.message),
  );
});
