import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { FraudError } from '@fraud/common';
import { trainScript } from './ml-paths.js';

export interface TrainScriptOptions {
  python: string;
  dataDir: string;
  modelDir: string;
  modelCard: string;
  /** Further train.py arguments (`--help` lists them). */
  extraArgs?: readonly string[];
  /** Every line train.py prints, as it prints it. */
  onLine: (line: string) => void;
}

/** train.py's exit codes, as documented in its docstring. */
const EXIT_REASONS: Record<number, { code: string; reason: string }> = {
  2: { code: 'DATASET_INVALID', reason: 'the dataset does not follow the contract' },
  3: { code: 'QUALITY_TARGETS_MISSED', reason: 'the model missed its holdout targets' },
};

/** Runs ml/train.py with live output; resolves when the model is written, rejects otherwise. */
export async function runTrainScript(options: TrainScriptOptions): Promise<void> {
  const args = [
    '-u',
    trainScript,
    '--data',
    options.dataDir,
    '--out',
    options.modelDir,
    '--card',
    options.modelCard,
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(options.python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderrTail: string[] = [];
  createInterface({ input: child.stdout }).on('line', options.onLine);
  createInterface({ input: child.stderr }).on('line', (line) => {
    options.onLine(line);
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  const exit = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (exit === 0) return;
  const known = exit === null ? undefined : EXIT_REASONS[exit];
  throw new FraudError(
    known?.code ?? 'TRAINING_FAILED',
    `train.py exited ${exit}: ${known?.reason ?? `see its output above\n${stderrTail.join('\n')}`}`,
  );
}
