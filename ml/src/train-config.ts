import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { loadConfig, type Env } from '@fraud/common';
import { mlDir, repoRoot } from './ml-paths.js';

/** Environment of `npm run train`; every variable has a default (see ml/README.md). */
export const TrainEnvSchema = Type.Object({
  ML_TRAIN_SEED: Type.Integer({ default: 1, description: 'generator seed of train.csv' }),
  ML_HOLDOUT_SEED: Type.Integer({
    default: 2,
    description: 'generator seed of holdout.csv; must differ from ML_TRAIN_SEED',
  }),
  ML_DAYS: Type.Integer({
    minimum: 0,
    default: 0,
    description: "days of training traffic, the holdout gets half (0: the builder's default)",
  }),
  ML_REUSE_DATASET: Type.Boolean({
    default: false,
    description: 'skip step 1 and train on the CSVs already in ML_DATA_DIR',
  }),
  ML_DATA_DIR: Type.String({ default: join(mlDir, 'data'), description: 'dataset folder' }),
  ML_MODEL_DIR: Type.String({
    default: join(mlDir, 'model'),
    description: 'where model.onnx and model.json are written',
  }),
  ML_MODEL_CARD: Type.String({
    default: join(mlDir, 'MODEL_CARD.md'),
    description: 'the model card the run writes',
  }),
  ML_VENV: Type.String({
    default: join(repoRoot, '.stack', 'venv-ml'),
    description: 'Python venv of ml/requirements.txt (created on first use)',
  }),
  PYTHON: Type.String({ default: 'python3', description: 'interpreter that creates the venv' }),
});
export type TrainConfig = Static<typeof TrainEnvSchema>;

export const loadTrainConfig = (env: Env = process.env): TrainConfig =>
  loadConfig(TrainEnvSchema, env);
