import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import * as prettier from 'prettier';
import { FraudError } from '@fraud/common';
import { mlDir, requirementsFile } from '../src/ml-paths.js';
import { readModelMetadata } from '../src/model-metadata.js';
import { ensurePythonEnv } from '../src/python-env.js';
import { runTrainScript } from '../src/run-train-script.js';
import { loadTrainConfig } from '../src/train-config.js';
import {
  SYNTHETIC_FEATURES,
  SYNTHETIC_PATTERNS,
  writeSyntheticDataset,
} from './support/synthetic-dataset.js';

const work = mkdtempSync(join(tmpdir(), 'ml-train-'));
let python = '';

const train = async (name: string, learnable: boolean) => {
  const dataDir = join(work, name, 'data');
  const modelDir = join(work, name, 'model');
  const modelCard = join(work, name, 'MODEL_CARD.md');
  const featureSet = writeSyntheticDataset({
    dir: dataDir,
    trainRows: 30_000,
    holdoutRows: 12_000,
    fraudRate: 0.015,
    learnable,
  });
  const output: string[] = [];
  const run = runTrainScript({
    python,
    dataDir,
    modelDir,
    modelCard,
    onLine: (line) => output.push(line),
  });
  return { run, output, dataDir, modelDir, modelCard, featureSet };
};

const session = async (path: string) =>
  InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });

describe('training pipeline (train.py in the pinned venv, model run by onnxruntime-node)', () => {
  before(async () => {
    const config = loadTrainConfig();
    python = await ensurePythonEnv({
      venvDir: config.ML_VENV,
      requirementsFile,
      python: config.PYTHON,
      progress: (line) => console.log(`venv: ${line}`),
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('trains, exports an ONNX model that onnxruntime-node runs as train.py scored it', async () => {
    const t = await train('learnable', true);
    await t.run.catch((error: unknown) => {
      throw new Error(`train.py failed:\n${t.output.join('\n')}`, { cause: error });
    });
    assert.ok(t.output.some((line) => line.startsWith('[6/6]')));

    const model = readModelMetadata(join(t.modelDir, 'model.json'));
    // The committed model.json must pass the repository's `prettier --check` as written.
    const committedPath = join(mlDir, 'model', 'model.json');
    const prettierOptions = { ...(await prettier.resolveConfig(committedPath)), parser: 'json' };
    const text = readFileSync(join(t.modelDir, 'model.json'), 'utf8');
    assert.ok(await prettier.check(text, prettierOptions), 'model.json is not Prettier-formatted');
    const onnxBytes = readFileSync(join(t.modelDir, 'model.onnx'));
    const hash = createHash('sha256').update(onnxBytes).digest('hex').slice(0, 8);
    assert.match(model.version, new RegExp(`^${t.featureSet}-\\d{8}-${hash}$`));
    assert.equal(model.featureSet, t.featureSet);
    assert.deepEqual(model.featureNames, [...SYNTHETIC_FEATURES]);
    assert.ok(onnxBytes.length < 512 * 1024, `model.onnx is ${onnxBytes.length} bytes`);
    assert.ok(model.threshold > 0 && model.threshold <= model.declineThreshold);
    assert.equal(model.baseline.length, SYNTHETIC_FEATURES.length);

    const m = model.metrics;
    assert.ok(m.targets.met);
    assert.ok(m.prAuc >= 0.9, `holdout PR-AUC ${m.prAuc}`);
    assert.ok(m.benignAlertRate <= 0.01, `holdout benign alert rate ${m.benignAlertRate}`);
    // Chosen on validation within the budget less its headroom (0.9 %).
    assert.ok(m.validation.benignAlertRate <= 0.009, `${m.validation.benignAlertRate}`);
    assert.deepEqual(Object.keys(m.perPatternRecall).sort(), [...SYNTHETIC_PATTERNS].sort());
    assert.equal(m.rows.holdout, 12_000);
    assert.equal(m.rows.train + m.rows.validation, 30_000);

    const s = await session(join(t.modelDir, 'model.onnx'));
    assert.deepEqual(s.inputNames, [model.inputName]);
    assert.ok(s.outputNames.includes(model.outputName));
    const width = model.featureNames.length;
    const input = new Float32Array(model.samples.flatMap((x) => x.features));
    const out = await s.run(
      { [model.inputName]: new Tensor('float32', input, [model.samples.length, width]) },
      [model.outputName],
    );
    const probabilities = out[model.outputName];
    assert.ok(probabilities);
    assert.deepEqual(probabilities.dims, [model.samples.length, 2]);
    assert.ok(probabilities.data instanceof Float32Array);
    model.samples.forEach((sample, i) => {
      const [benign = NaN, fraud = NaN] = (probabilities.data as Float32Array).subarray(2 * i);
      assert.ok(fraud >= 0 && fraud <= 1 && Math.abs(benign + fraud - 1) < 1e-5);
      assert.ok(
        Math.abs(fraud - sample.probability) <= 1e-5,
        `sample ${i} (${sample.pattern || 'benign'}): node ${fraud}, train.py ${sample.probability}`,
      );
    });
    // Samples include one row of every fraud pattern, scored high enough to alert on.
    const fraudSamples = model.samples.filter((x) => x.label === 1);
    assert.deepEqual(fraudSamples.map((x) => x.pattern).sort(), [...SYNTHETIC_PATTERNS].sort());
    await s.release();

    const card = readFileSync(t.modelCard, 'utf8');
    assert.ok(card.includes(model.version));
    for (const name of SYNTHETIC_FEATURES) assert.ok(card.includes(`\`${name}\``), name);
    for (const pattern of SYNTHETIC_PATTERNS) assert.ok(card.includes(`| ${pattern} |`), pattern);
  });

  test('refuses to write a model that misses the holdout targets', async () => {
    const t = await train('noise', false);
    await assert.rejects(
      t.run,
      (e: unknown) => e instanceof FraudError && e.code === 'QUALITY_TARGETS_MISSED',
    );
    assert.ok(
      t.output.some((line) => line.includes('nothing written')),
      t.output.join('\n'),
    );
    assert.equal(existsSync(join(t.modelDir, 'model.json')), false);
    assert.equal(existsSync(t.modelCard), false);
  });

  test('rejects a dataset whose CSV columns differ from dataset.json', async () => {
    const dataDir = join(work, 'mismatch');
    writeSyntheticDataset({
      dir: dataDir,
      trainRows: 500,
      holdoutRows: 200,
      fraudRate: 0.05,
      learnable: true,
    });
    const meta = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8')) as {
      featureNames: string[];
    };
    meta.featureNames.reverse();
    writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify(meta));
    const output: string[] = [];
    await assert.rejects(
      runTrainScript({
        python,
        dataDir,
        modelDir: join(dataDir, 'model'),
        modelCard: join(dataDir, 'card.md'),
        onLine: (line) => output.push(line),
      }),
      (e: unknown) => e instanceof FraudError && e.code === 'DATASET_INVALID',
    );
    assert.ok(
      output.some((line) => line.includes('feature columns differ')),
      output.join('\n'),
    );
  });

  test('the wrong-shape fixture is a valid 3-feature model', async () => {
    const s = await session(join(mlDir, 'fixtures', 'wrong-shape.onnx'));
    const run = (width: number) =>
      s.run({ features: new Tensor('float32', new Float32Array(width).fill(0.5), [1, width]) });
    const out = await run(3);
    assert.deepEqual(out.probabilities?.dims, [1, 2]);
    await assert.rejects(run(SYNTHETIC_FEATURES.length));
    await s.release();
  });
});
