import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highestPassingRate, judgeStep, sweepRates, type StepFigures } from './step-verdict.js';

const GOOD: StepFigures = {
  targetRate: 500,
  achievedRate: 499.2,
  sent: 30_000,
  accepted: 30_000,
  rejected: 0,
  scored: 30_000,
  scoredP99Ms: 180,
  lagGrowing: false,
};

test('a step that keeps up passes', () => {
  assert.deepEqual(judgeStep(GOOD, 250), { pass: true, reasons: [] });
});

test('each missed condition is named', () => {
  const verdict = judgeStep(
    {
      ...GOOD,
      achievedRate: 400,
      rejected: 600,
      accepted: 29_400,
      scored: 20_000,
      scoredP99Ms: 900,
      lagGrowing: true,
    },
    250,
  );
  assert.equal(verdict.pass, false);
  assert.deepEqual(verdict.reasons, [
    'p99 900 ms > 250 ms',
    'the topology lag grows',
    'offered 400/s of 500/s',
    '600 of 30000 payments rejected',
    '20000 of 29400 accepted payments scored',
  ]);
  assert.deepEqual(judgeStep({ ...GOOD, scoredP99Ms: null }, 250).reasons, ['no scored records']);
});

test('a sweep steps up to the last rate within the maximum', () => {
  assert.deepEqual(sweepRates(100, 150, 600), [100, 250, 400, 550]);
  assert.deepEqual(sweepRates(700, 100, 600), []);
});

test('the highest passing rate is the last one before the first failure', () => {
  const pass = { pass: true, reasons: [] };
  const fail = { pass: false, reasons: ['p99'] };
  assert.equal(
    highestPassingRate([
      { rate: 100, verdict: pass },
      { rate: 200, verdict: pass },
      { rate: 300, verdict: fail },
      { rate: 400, verdict: pass },
    ]),
    200,
  );
  assert.equal(highestPassingRate([{ rate: 100, verdict: fail }]), null);
});
