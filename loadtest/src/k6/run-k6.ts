import { spawn } from 'node:child_process';
import { LoadtestError } from './loadtest-error.js';

export interface RunK6Options {
  k6: string;
  script: string;
  /** Passed to the script as __ENV (k6's -e), not to k6's own environment. */
  scriptEnv: Readonly<Record<string, string>>;
  /** k6 `--out csv=` target; `.gz` compresses. */
  samplesFile: string;
  cwd: string;
  /** k6's own console output (progress bar, summary); inherited by default. */
  quiet?: boolean;
}

/**
 * Runs `k6 run` and resolves with its exit code: 0, or 99 when a threshold failed (the
 * summary is written either way). Ctrl-C is passed on so k6 stops and still summarises.
 */
export async function runK6({
  k6,
  script,
  scriptEnv,
  samplesFile,
  cwd,
  quiet = false,
}: RunK6Options): Promise<number> {
  const args = [
    'run',
    '--no-usage-report',
    '--out',
    `csv=${samplesFile}`,
    ...Object.entries(scriptEnv).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
    ...(quiet ? ['--quiet'] : []),
    script,
  ];
  const child = spawn(k6, args, {
    cwd,
    // Millisecond timestamps in the CSV: latency over time at sub-second resolution.
    env: { ...process.env, K6_CSV_TIME_FORMAT: 'unix_milli', K6_NO_COLOR: quiet ? 'true' : '' },
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const forward = () => child.kill('SIGINT');
  process.once('SIGINT', forward);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code === 0 || code === 99) return code;
    throw new LoadtestError(
      'K6_RUN_FAILED',
      `k6 exited with ${code}${quiet ? `:\n${output.slice(-4000)}` : '; see its output above'}`,
    );
  } finally {
    process.off('SIGINT', forward);
  }
}
