/**
 * `npm run fixtures -w @fraud/ml`: regenerates the committed test fixtures with the training venv
 * (today one: fixtures/wrong-shape.onnx, a valid model with 3 inputs; see its script).
 */
import { spawnSync } from 'node:child_process';
import { FraudError } from '@fraud/common';
import { requirementsFile, wrongShapeScript } from './ml-paths.js';
import { ensurePythonEnv } from './python-env.js';
import { loadTrainConfig } from './train-config.js';

const config = loadTrainConfig();
const python = await ensurePythonEnv({
  venvDir: config.ML_VENV,
  requirementsFile,
  python: config.PYTHON,
  progress: (line) => console.log(line),
});
const result = spawnSync(python, [wrongShapeScript], { stdio: 'inherit' });
if (result.status !== 0) {
  throw new FraudError('FIXTURE_FAILED', `${wrongShapeScript} exited ${result.status}`);
}
