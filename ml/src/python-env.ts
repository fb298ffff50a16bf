import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FraudError } from '@fraud/common';

export interface PythonEnvOptions {
  /** Folder of the venv; created when absent (under the git-ignored `.stack/`). */
  venvDir: string;
  /** Pinned requirements; the venv is re-synced whenever this file's content changes. */
  requirementsFile: string;
  /** Interpreter that creates the venv. */
  python: string;
  progress: (line: string) => void;
}

const MIN_PYTHON: readonly [number, number] = [3, 10];
const STAMP = '.requirements-sha256';

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

const runs = (python: string): boolean =>
  spawnSync(python, ['-c', 'import sys'], { stdio: 'ignore' }).status === 0;

/** Fails fast, with the fix, when `python` is missing or too old to create the venv. */
export function requirePython(python: string): void {
  const probe = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    encoding: 'utf8',
  });
  const version = probe.status === 0 ? probe.stdout.trim() : undefined;
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  const tooOld = major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1]);
  if (version === undefined || tooOld) {
    throw new FraudError(
      'PYTHON_MISSING',
      `training needs Python ${MIN_PYTHON.join('.')}+ as \`${python}\` ` +
        `(${version === undefined ? 'not found' : `found ${version}`}): install python3 ` +
        '(apt-get install python3 python3-venv) or point PYTHON at one',
    );
  }
}

/** Runs a command, passing chosen stdout lines to `onLine`; returns the tail of its output. */
async function run(
  command: string,
  args: string[],
  onLine: (line: string) => void,
): Promise<{ code: number | null; tail: string[] }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    keep(line);
    onLine(line);
  });
  createInterface({ input: child.stderr }).on('line', keep);
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  return { code, tail };
}

/**
 * Returns the python of a venv holding exactly the pinned requirements. Quick when the venv is
 * current (a hash stamp of requirements.txt); otherwise creates the venv and/or runs pip, showing
 * what it installs. The stamp is written last, so an interrupted install is redone next time.
 */
export async function ensurePythonEnv(options: PythonEnvOptions): Promise<string> {
  const { venvDir, requirementsFile, progress } = options;
  const python = join(venvDir, 'bin', 'python');
  const stampFile = join(venvDir, STAMP);
  const want = sha256(requirementsFile);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want && runs(python)) {
    return python;
  }

  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  if (!runs(python)) {
    requirePython(options.python);
    // A venv whose interpreter no longer runs (its base Python was upgraded) is rebuilt whole.
    rmSync(venvDir, { recursive: true, force: true });
    progress(`creating the Python venv ${venvDir}`);
    const created = await run(options.python, ['-m', 'venv', venvDir], progress);
    if (created.code !== 0) {
      throw new FraudError(
        'PYTHON_ENV_FAILED',
        `${options.python} -m venv ${venvDir} failed (exit ${created.code}); on Debian/Ubuntu ` +
          `install python3-venv.\n${created.tail.join('\n')}`,
      );
    }
  }
  progress(`installing ${requirementsFile} into the venv (first run: about a minute)`);
  const ticker = setInterval(() => progress(`  … pip still working (${seconds()} s)`), 15_000);
  const installed = await run(
    python,
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--progress-bar',
      'off',
      '-r',
      requirementsFile,
    ],
    (line) => {
      if (/^(Collecting|Successfully installed)/.test(line)) progress(`  ${line}`);
    },
  ).finally(() => clearInterval(ticker));
  if (installed.code !== 0) {
    throw new FraudError(
      'PYTHON_ENV_FAILED',
      `pip install -r ${requirementsFile} failed (exit ${installed.code}):\n` +
        installed.tail.join('\n'),
      { retriable: true },
    );
  }
  writeFileSync(stampFile, want);
  progress(`  venv ready (${seconds()} s)`);
  return python;
}
