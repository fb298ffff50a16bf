import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { FraudError } from '@fraud/common';
import { ModelMeta, ModelSample } from '@fraud/streams/fraud';

const Probability = Type.Number({ minimum: 0, maximum: 1 });
const PerPattern = Type.Record(Type.String(), Probability);

/** Holdout (top level) or validation figures of the model at its two thresholds. */
const SplitMetrics = Type.Object({
  prAuc: Probability,
  rocAuc: Probability,
  precisionAtThreshold: Probability,
  recallAtThreshold: Probability,
  benignAlertRate: Probability,
  alerts: Type.Integer({ minimum: 0 }),
  precisionAtDecline: Probability,
  recallAtDecline: Probability,
  benignDeclineRate: Probability,
  perPatternRecall: PerPattern,
  perPatternDeclineRecall: PerPattern,
});

const PerSplit = (minimum: number) =>
  Type.Object({
    train: Type.Integer({ minimum }),
    validation: Type.Integer({ minimum }),
    holdout: Type.Integer({ minimum }),
  });

/**
 * ml/model/model.json as train.py writes it: what the topology reads (ModelMeta, validated
 * there at every load) plus the training figures (extra fields are allowed for forward compat).
 */
export const ModelMetadata = Type.Composite([
  ModelMeta,
  Type.Object({
    trainedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T' }),
    model: Type.Object({ type: Type.String(), trees: Type.Integer({ minimum: 1 }) }),
    metrics: Type.Composite([
      SplitMetrics,
      Type.Object({
        validation: SplitMetrics,
        targets: Type.Object({
          minPrAuc: Type.Number(),
          maxBenignAlertRate: Type.Number(),
          met: Type.Boolean(),
        }),
        declineTargetMet: Type.Boolean(),
        rows: PerSplit(1),
        positives: PerSplit(1),
      }),
    ]),
    samples: Type.Array(ModelSample, { minItems: 1 }),
  }),
]);
export type ModelMetadata = Static<typeof ModelMetadata>;

/** Reads and validates model.json, including the cross-field rules the schema cannot express. */
export function readModelMetadata(path: string): ModelMetadata {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const problems = [...Value.Errors(ModelMetadata, value)].map(
    (e) => `${e.path || '(root)'}: ${e.message}`,
  );
  if (problems.length === 0) {
    const m = value as ModelMetadata;
    const width = m.featureNames.length;
    if (m.baseline.length !== width) problems.push(`/baseline: ${m.baseline.length} != ${width}`);
    m.samples.forEach((s, i) => {
      if (s.features.length !== width) problems.push(`/samples/${i}/features: not ${width} long`);
    });
    if (m.declineThreshold < m.threshold) problems.push('/declineThreshold: below threshold');
  }
  if (problems.length > 0) {
    throw new FraudError('MODEL_METADATA_INVALID', `${path}:\n  ${problems.join('\n  ')}`);
  }
  return value as ModelMetadata;
}
