import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { FraudError } from '@fraud/common';

/** A holdout row with the probability training computed: re-scored at load to check wiring. */
export const ModelSample = Type.Object({
  label: Type.Union([Type.Literal(0), Type.Literal(1)]),
  pattern: Type.String(),
  features: Type.Array(Type.Number()),
  probability: Type.Number({ minimum: 0, maximum: 1 }),
});

/** `model.json` next to `model.onnx`: what the topology needs to know about the model. */
export const ModelMeta = Type.Object({
  version: Type.String({ minLength: 1 }),
  featureSet: Type.String(),
  featureNames: Type.Array(Type.String()),
  inputName: Type.String(),
  outputName: Type.String(),
  threshold: Type.Number({ minimum: 0, maximum: 1 }),
  declineThreshold: Type.Number({ minimum: 0, maximum: 1 }),
  /** A typical benign value per feature: reasons are the score drop when a feature takes it. */
  baseline: Type.Array(Type.Number()),
  samples: Type.Optional(Type.Array(ModelSample)),
});
export type ModelMeta = Static<typeof ModelMeta>;

export class ModelLoadError extends FraudError {
  constructor(dir: string, problem: string, cause?: unknown) {
    super('MODEL_REFUSED', `model in ${dir} refused: ${problem}`, cause ? { cause } : {});
  }
}

export async function readModelMeta(dir: string): Promise<ModelMeta> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  } catch (error) {
    throw new ModelLoadError(dir, 'model.json is missing or not JSON', error);
  }
  if (!Value.Check(ModelMeta, parsed)) {
    const first = [...Value.Errors(ModelMeta, parsed)][0];
    throw new ModelLoadError(dir, `model.json: ${first?.path ?? ''} ${first?.message ?? ''}`);
  }
  return parsed;
}
