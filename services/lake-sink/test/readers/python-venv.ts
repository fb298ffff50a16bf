import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '../../../..');
const requirements = join(here, '../requirements.txt');
/** Under `.stack/` (git-ignored), shared by every run; rebuilt when requirements.txt changes. */
const venv = join(repoRoot, '.stack/venv-lake');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
}

/** The venv's python with pyiceberg installed, creating or updating the venv when needed. */
export function pyicebergPython(): string {
  const python = join(venv, 'bin/python');
  const stamp = join(venv, '.requirements-sha256');
  const want = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return python;
  if (!existsSync(python)) run('python3', ['-m', 'venv', venv]);
  run(python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '-r',
    requirements,
  ]);
  writeFileSync(stamp, want);
  return python;
}

/** Runs a reader script with a JSON argument and parses its one JSON line of output. */
export function runPython<T>(script: string, input: unknown): T {
  const result = spawnSync(pyicebergPython(), [join(here, script), JSON.stringify(input)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}
