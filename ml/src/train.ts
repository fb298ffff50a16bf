/**
 * `npm run train`: builds the dataset from the traffic generator and the topology's feature code,
 * ensures the Python venv, trains and exports the model (ml/train.py) and prints a summary.
 * Configured by environment (train-config.ts); `ML_REUSE_DATASET=1` retrains on existing CSVs.
 */
import { join, relative } from 'node:path';
import { describeConfig, FraudError } from '@fraud/common';
import { buildDataset } from './build-dataset.js';
import { readModelMetadata, type ModelMetadata } from './model-metadata.js';
import { requirementsFile } from './ml-paths.js';
import { ensurePythonEnv, requirePython } from './python-env.js';
import { runTrainScript } from './run-train-script.js';
import { loadTrainConfig, TrainEnvSchema, type TrainConfig } from './train-config.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const show = (path: string) => relative(process.cwd(), path) || '.';
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

function timer(): () => string {
  const started = Date.now();
  return () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

async function datasetStep(config: TrainConfig): Promise<string> {
  if (config.ML_REUSE_DATASET) {
    say(`[1/3] dataset: reusing ${show(config.ML_DATA_DIR)} (ML_REUSE_DATASET)`);
    return 'reused';
  }
  say(
    `[1/3] dataset: seeds ${config.ML_TRAIN_SEED} (train) and ${config.ML_HOLDOUT_SEED} ` +
      `(holdout) into ${show(config.ML_DATA_DIR)}`,
  );
  const elapsed = timer();
  const { trainRows, holdoutRows } = await buildDataset({
    outDir: config.ML_DATA_DIR,
    trainSeed: config.ML_TRAIN_SEED,
    holdoutSeed: config.ML_HOLDOUT_SEED,
    ...(config.ML_DAYS > 0 ? { days: config.ML_DAYS } : {}),
    onProgress: (line) => say(`      ${line}`),
  });
  say(`      ${trainRows} train rows, ${holdoutRows} holdout rows (${elapsed()})`);
  return elapsed();
}

function summary(model: ModelMetadata, times: Record<string, string>): string[] {
  const m = model.metrics;
  return [
    '',
    `model ${model.version}: ${model.featureNames.length} features, ${model.model.trees} trees`,
    `  holdout PR-AUC ${m.prAuc.toFixed(4)}; at threshold ${model.threshold.toFixed(4)}: ` +
      `precision ${pct(m.precisionAtThreshold)}, recall ${pct(m.recallAtThreshold)}, ` +
      `benign alert rate ${pct(m.benignAlertRate)}`,
    `  at declineThreshold ${model.declineThreshold.toFixed(4)}: precision ` +
      `${pct(m.precisionAtDecline)}, recall ${pct(m.recallAtDecline)}`,
    ...Object.entries(m.perPatternRecall).map(([p, r]) => `  ${p.padEnd(22)} recall ${pct(r)}`),
    `  time: ${Object.entries(times)
      .map(([step, t]) => `${step} ${t}`)
      .join(', ')}`,
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    say(`usage: npm run train\n\nenvironment:\n${describeConfig(TrainEnvSchema)}`);
    return;
  }
  const config = loadTrainConfig();
  if (config.ML_TRAIN_SEED === config.ML_HOLDOUT_SEED) {
    throw new FraudError('USAGE', 'ML_HOLDOUT_SEED must differ from ML_TRAIN_SEED');
  }
  // Before the dataset step's minutes, not after them.
  requirePython(config.PYTHON);
  const total = timer();
  const times: Record<string, string> = { dataset: await datasetStep(config) };

  say(`[2/3] Python venv ${show(config.ML_VENV)}`);
  let elapsed = timer();
  const python = await ensurePythonEnv({
    venvDir: config.ML_VENV,
    requirementsFile,
    python: config.PYTHON,
    progress: (line) => say(`      ${line}`),
  });
  times.venv = elapsed();

  say(`[3/3] training (ml/train.py)`);
  elapsed = timer();
  await runTrainScript({
    python,
    dataDir: config.ML_DATA_DIR,
    modelDir: config.ML_MODEL_DIR,
    modelCard: config.ML_MODEL_CARD,
    onLine: (line) => say(`      ${line}`),
  });
  times.training = elapsed();
  times.total = total();

  const model = readModelMetadata(join(config.ML_MODEL_DIR, 'model.json'));
  for (const line of summary(model, times)) say(line);
  say(
    `wrote ${show(config.ML_MODEL_DIR)}/model.onnx, model.json and ${show(config.ML_MODEL_CARD)}`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`train: ${message}\n`);
  process.exitCode = 1;
});
