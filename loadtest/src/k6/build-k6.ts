import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FraudError } from '@fraud/common';

/** k6 is compiled from its Go module at this version: no binary download. */
export const K6_MODULE = 'go.k6.io/k6';
export const K6_VERSION = 'v1.8.1';

export interface BuildK6Options {
  /** Folder for the binary; `.stack/bin` by default (git-ignored). */
  binDir: string;
  progress: (line: string) => void;
}

const installedVersion = (k6: string): string | undefined => {
  const result = spawnSync(k6, ['version'], { encoding: 'utf8' });
  return result.status === 0 ? /k6 (v[\d.]+)/.exec(result.stdout)?.[1] : undefined;
};

/** Returns the path of a k6 binary of the pinned version, building it with `go install` once. */
export async function buildK6({ binDir, progress }: BuildK6Options): Promise<string> {
  const k6 = join(binDir, 'k6');
  if (existsSync(k6) && installedVersion(k6) === K6_VERSION) return k6;
  if (spawnSync('go', ['version']).error) {
    throw new FraudError(
      'K6_BUILD_FAILED',
      'k6 is built from source and needs Go: install it (golang.org/dl or apt-get install golang)',
    );
  }
  mkdirSync(binDir, { recursive: true });
  progress(
    `building k6 ${K6_VERSION} from its Go module (first run only, about a minute and a half)`,
  );
  const started = Date.now();
  const go = spawn('go', ['install', `${K6_MODULE}@${K6_VERSION}`], {
    env: { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const ticker = setInterval(
    () => progress(`  … compiling (${Math.round((Date.now() - started) / 1000)} s)`),
    15_000,
  );
  const code = await new Promise<number | null>((done) => go.on('close', done));
  clearInterval(ticker);
  const built = installedVersion(k6);
  if (code !== 0 || built !== K6_VERSION) {
    throw new FraudError(
      'K6_BUILD_FAILED',
      `go install ${K6_MODULE}@${K6_VERSION} failed (exit ${code}); see the output above`,
    );
  }
  progress(`  k6 ${built} ready at ${k6} (${Math.round((Date.now() - started) / 1000)} s)`);
  return k6;
}
