// Bootstrap for the README's commands on a fresh clone: checks Node, installs the npm
// dependencies when they are missing or the lockfile changed, and applies the fixes in
// patches/ to installed packages. Plain JavaScript on purpose: it runs before TypeScript
// tooling exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// Each patch in patches/ (made with `npx patch-package <pkg>`) starts every file it changes
// with a line holding PATCH_MARKER. npm's install scripts are blocked here, so nothing applies
// patches on install: checking the markers on every run is cheap and catches a plain
// `npm install` that replaced a patched package.
const PATCH_MARKER = 'fraud-pipeline patch';
const patchesDir = join(root, 'patches');
const patchedFiles = existsSync(patchesDir)
  ? readdirSync(patchesDir)
      .filter((name) => name.endsWith('.patch'))
      .flatMap((name) =>
        [...readFileSync(join(patchesDir, name), 'utf8').matchAll(/^\+\+\+ b\/(.+)$/gm)].map(
          (match) => join(root, match[1]),
        ),
      )
  : [];
const unpatched = patchedFiles.filter(
  (file) => !existsSync(file) || !readFileSync(file, 'utf8').includes(PATCH_MARKER),
);
if (unpatched.length > 0) {
  console.log(`setup: applying patches/ (${unpatched.length} file(s) unpatched)…`);
  const patch = spawnSync(
    join(root, 'node_modules', '.bin', 'patch-package'),
    ['--error-on-fail'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (patch.status !== 0) {
    console.error('setup: patch-package failed; see the output above.');
    process.exit(patch.status ?? 1);
  }
} else {
  say('setup: patches applied');
}
