// Bootstrap for the README's commands on a fresh clone: checks Node and installs the npm
// dependencies when they are missing or the lockfile changed. Plain JavaScript on purpose:
// it runs before TypeScript tooling exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const say = (line) => quiet || console.log(line);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js 20.19+ is needed, this is ${process.version}.`);
  process.exit(1);
}

const lockfile = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.setup-lock-hash');
const lockHash = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) {
  say('setup: dependencies up to date');
} else {
  console.log('setup: installing npm dependencies (npm ci)…');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('setup: npm ci failed; see the output above.');
    process.exit(npm.status ?? 1);
  }
  writeFileSync(stamp, lockHash);
}
