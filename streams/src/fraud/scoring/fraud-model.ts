import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { FEATURE_NAMES, FEATURE_SET } from '../features/card-features.js';
import { ModelLoadError, readModelMeta, type ModelMeta } from './model-card.js';

export interface Reason {
  code: string;
  value: number;
  contribution: number;
}

/**
 * The ONNX fraud model with its metadata. `load` refuses a model that does not fit the
 * topology's features (other feature set, names, or input shape), so a bad deploy can never
 * replace a working model.
 */
export class FraudModel {
  private constructor(
    readonly meta: ModelMeta,
    private readonly session: InferenceSession,
  ) {}

  get version(): string {
    return this.meta.version;
  }

  static async load(dir: string): Promise<FraudModel> {
    const meta = await readModelMeta(dir);
    const width = FEATURE_NAMES.length;
    if (meta.featureSet !== FEATURE_SET)
      throw new ModelLoadError(
        dir,
        `trained for feature set ${meta.featureSet}, not ${FEATURE_SET}`,
      );
    if (meta.featureNames.join() !== FEATURE_NAMES.join())
      throw new ModelLoadError(dir, "its feature names differ from the topology's");
    if (meta.baseline.length !== width)
      throw new ModelLoadError(dir, `baseline has ${meta.baseline.length} values, not ${width}`);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(await readFile(join(dir, 'model.onnx')), {
        graphOptimizationLevel: 'all',
        intraOpNumThreads: 1,
      });
    } catch (error) {
      throw new ModelLoadError(dir, 'model.onnx cannot be loaded by onnxruntime', error);
    }
    const input = session.inputMetadata.find((m) => m.name === meta.inputName);
    const shape = input?.isTensor ? input.shape : undefined;
    if (!shape || shape.length !== 2 || shape[1] !== width) {
      await session.release();
      throw new ModelLoadError(
        dir,
        `input "${meta.inputName}" has shape [${shape?.map((d) => (typeof d === 'number' ? d : 'N')).join(', ') ?? 'missing'}], the topology feeds [N, ${width}]`,
      );
    }
    if (!session.outputNames.includes(meta.outputName)) {
      await session.release();
      throw new ModelLoadError(dir, `no output named "${meta.outputName}"`);
    }
    const model = new FraudModel(meta, session);
    await model.checkSamples(dir);
    return model;
  }

  /**
   * Training's own scores of a few rows must come out again here: catches a feature order,
   * dtype or runtime mismatch that a shape check cannot see.
   */
  private async checkSamples(dir: string): Promise<void> {
    const samples = this.meta.samples ?? [];
    if (samples.length === 0) return;
    const scores = await this.score(samples.map((s) => s.features));
    const worst = Math.max(...samples.map((s, i) => Math.abs((scores[i] ?? -1) - s.probability)));
    if (worst > 1e-4) {
      await this.session.release();
      throw new ModelLoadError(
        dir,
        `scores differ from training's by up to ${worst} on its samples`,
      );
    }
  }

  /** Fraud probabilities of a batch of feature vectors (one inference call). */
  async score(rows: readonly (readonly number[])[]): Promise<Float64Array> {
    const width = FEATURE_NAMES.length;
    if (rows.length === 0) return new Float64Array(0);
    const input = new Float32Array(rows.length * width);
    rows.forEach((row, i) => input.set(row, i * width));
    const output = await this.session.run({
      [this.meta.inputName]: new Tensor('float32', input, [rows.length, width]),
    });
    const probabilities = output[this.meta.outputName];
    if (!probabilities || !(probabilities.data instanceof Float32Array))
      throw new TypeError(`model output ${this.meta.outputName} is not a float32 tensor`);
    // [N, 2]: column 1 is the fraud class.
    const scores = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) scores[i] = probabilities.data[i * 2 + 1] ?? 0;
    return scores;
  }

  decision(score: number): 'approve' | 'review' | 'decline' {
    if (score >= this.meta.declineThreshold) return 'decline';
    return score >= this.meta.threshold ? 'review' : 'approve';
  }

  /**
   * Reason codes: each feature's contribution, as the mean of two one-feature experiments —
   * the score drop when the feature alone takes its typical benign value (the baseline), and
   * the score rise when the baseline takes this payment's value of it alone. The first alone
   * says nothing when several features each suffice for a saturated score; the second alone
   * misses features that only matter together. One batched inference of 2F + 1 rows per alert,
   * and alerts are rare.
   */
  async explain(features: readonly number[], score: number, top = 3): Promise<Reason[]> {
    const { baseline } = this.meta;
    const without = baseline.map((base, i) => features.map((v, j) => (j === i ? base : v)));
    const only = baseline.map((_, i) =>
      baseline.map((base, j) => (j === i ? (features[j] ?? base) : base)),
    );
    const scores = await this.score([...without, ...only, baseline]);
    const width = baseline.length;
    const baseScore = scores[2 * width] ?? 0;
    return FEATURE_NAMES.map((code, i) => ({
      code,
      value: features[i] ?? 0,
      contribution:
        (score - (scores[i] ?? score) + ((scores[width + i] ?? baseScore) - baseScore)) / 2,
    }))
      .filter((r) => r.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, top);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
