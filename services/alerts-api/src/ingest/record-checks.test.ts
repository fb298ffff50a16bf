import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleFraudAlert, sampleScoredPayment } from '@fraud/schemas';
import { fraudAlertProblems, scoredPaymentProblems } from './record-checks.js';

test('valid samples pass', () => {
  assert.deepEqual(fraudAlertProblems(sampleFraudAlert()), []);
  assert.deepEqual(scoredPaymentProblems(sampleScoredPayment()), []);
});

test('each value the database or the API would refuse is named', () => {
  const alert = sampleFraudAlert({
    alertId: 'not-a-uuid',
    score: 1.5,
    eventTime: -1,
    decision: 'maybe',
    mcc: 'a\u0000b',
    features: { amount: Number.NaN },
    reasons: [{ code: '', value: 1, contribution: Number.POSITIVE_INFINITY }],
  });
  assert.deepEqual(fraudAlertProblems(alert), [
    'alertId: not a uuid',
    'mcc: contains a NUL character',
    'eventTime: not a time between 1970 and 9999',
    'score: must be between 0 and 1',
    'decision: must be one of approve, review, decline',
    'features.amount: not a finite number',
    'reasons.0.code: length must be 1..128',
    'reasons.0.contribution: not a finite number',
  ]);
  const payment = sampleScoredPayment({ processedAt: 1e20, features: [1, Number.NaN] });
  assert.deepEqual(scoredPaymentProblems(payment), [
    'processedAt: not a time between 1970 and 9999',
    'features.1: not a finite number',
  ]);
});
