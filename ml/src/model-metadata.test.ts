import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FraudError } from '@fraud/common';
import { readModelMetadata } from './model-metadata.js';

const dir = mkdtempSync(join(tmpdir(), 'model-json-'));

const split = {
  prAuc: 0.95,
  rocAuc: 0.99,
  precisionAtThreshold: 0.5,
  recallAtThreshold: 0.9,
  benignAlertRate: 0.008,
  alerts: 120,
  precisionAtDecline: 0.96,
  recallAtDecline: 0.8,
  benignDeclineRate: 0.0004,
  perPatternRecall: { card_testing: 0.99 },
  perPatternDeclineRecall: { card_testing: 0.9 },
};

const valid = () => ({
  version: 'card-v1-20260105-0123abcd',
  featureSet: 'card-v1',
  featureNames: ['a', 'b'],
  inputName: 'features',
  outputName: 'probabilities',
  threshold: 0.1,
  declineThreshold: 0.7,
  baseline: [1, 0],
  trainedAt: '2026-01-05T10:00:00Z',
  model: { type: 'HistGradientBoostingClassifier', trees: 80 },
  metrics: {
    ...split,
    validation: split,
    targets: { minPrAuc: 0.9, maxBenignAlertRate: 0.01, met: true },
    declineTargetMet: true,
    rows: { train: 800, validation: 200, holdout: 500 },
    positives: { train: 8, validation: 2, holdout: 5 },
  },
  samples: [{ label: 1, pattern: 'card_testing', features: [0.5, 3], probability: 0.93 }],
});

const read = (value: unknown) => {
  const path = join(dir, 'model.json');
  writeFileSync(path, JSON.stringify(value));
  return readModelMetadata(path);
};

const rejects = (value: unknown, fragment: string) =>
  assert.throws(
    () => read(value),
    (e: unknown) =>
      e instanceof FraudError &&
      e.code === 'MODEL_METADATA_INVALID' &&
      e.message.includes(fragment),
  );

describe('readModelMetadata', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('accepts what train.py writes', () => {
    assert.equal(read(valid()).featureNames.length, 2);
  });

  test('names the field that is missing or out of range', () => {
    const { outputName: _, ...noOutput } = valid();
    rejects(noOutput, '/outputName');
    rejects({ ...valid(), threshold: 1.5 }, '/threshold');
  });

  test('checks the lengths that must equal the number of features', () => {
    rejects({ ...valid(), baseline: [1] }, '/baseline');
    const m = valid();
    m.samples[0] = { label: 1, pattern: 'card_testing', features: [1, 2, 3], probability: 0.9 };
    rejects(m, '/samples/0/features');
  });

  test('refuses a decline threshold below the alert threshold', () => {
    rejects({ ...valid(), declineThreshold: 0.05 }, '/declineThreshold');
  });
});
