/**
 * Runs one tier of tests with Node's test runner.
 *   unit:        `src/**\/*.test.ts` in every workspace; no servers.
 *   integration: `test/**\/*.test.ts`; brings the local stack up first (reusing a running one)
 *                and stops it afterwards only if this run started it.
 * Extra arguments filter test files by path: `npm run test:unit -- common`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { down, loadStackConfig, status, up } from '@fraud/stack';

const [tier, ...filters] = process.argv.slice(2);
if (tier !== 'unit' && tier !== 'integration') {
  console.error('usage: tsx scripts/run-tests.ts unit|integration [path filter ...]');
  process.exit(2);
}

const config = loadStackConfig();
const root = config.root;
const skip = new Set(['node_modules', '.stack', '.git', 'dist', '.venv']);

function findTests(dir: string, inTestDir: boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, inTestDir || entry.name === 'test', out);
    else if (entry.name.endsWith('.test.ts') && inTestDir === (tier === 'integration'))
      out.push(path);
  }
  return out;
}

const files = findTests(root, false)
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no ${tier} tests found${filters.length ? ` for ${filters.join(', ')}` : ''}`);
  process.exit(1);
}

let startedStack = false;
if (tier === 'integration') {
  const wasHealthy = (await status(config)).every((s) => s.healthy);
  console.log(
    wasHealthy ? 'stack: reusing the running stack' : 'stack: starting for the integration tests',
  );
  if (!wasHealthy) {
    await up(config, { progress: (line) => console.log(`stack: ${line}`) });
    startedStack = true;
  }
}

// One file at a time for integration tests: they share one broker and database.
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${tier === 'unit' ? 2 : 1}`,
    // A test that hangs fails instead of holding the run (and CI) forever.
    `--test-timeout=${tier === 'unit' ? 60_000 : 600_000}`,
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', timeout: 45 * 60_000, killSignal: 'SIGKILL' },
);
if (result.error) console.error(`tests: ${result.error.message}`);

if (startedStack && process.env.KEEP_STACK !== '1') {
  console.log('stack: stopping (KEEP_STACK=1 leaves it running)');
  await down(config);
}
process.exit(result.status ?? 1);
