/**
 * `npm run bench -- <name> [--json]`: runs the benchmark `<workspace>/bench/<name>.bench.ts`.
 * Each benchmark prints its figures as it goes; with --json its last output line is one JSON
 * object of figures. Without a name, lists the benchmarks there are.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadStackConfig } from '@fraud/stack';

const root = loadStackConfig().root;
const workspaces = [
  'common',
  'infra/stack',
  'schemas',
  'streams',
  'loadtest',
  'ml',
  'services',
].flatMap((dir) =>
  dir === 'services' && existsSync(join(root, dir))
    ? readdirSync(join(root, dir)).map((name) => join(dir, name))
    : [dir],
);
const benches = new Map<string, string>();
for (const workspace of workspaces) {
  const dir = join(root, workspace, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts'))) {
    benches.set(file.replace(/\.bench\.ts$/, ''), join(dir, file));
  }
}

const [name, ...args] = process.argv.slice(2);
const file = name === undefined ? undefined : benches.get(name);
if (file === undefined) {
  if (name !== undefined) console.error(`no benchmark named "${name}"`);
  console.error('usage: npm run bench -- <name> [--json]\nbenchmarks:');
  for (const [bench, path] of [...benches].sort())
    console.error(`  ${bench.padEnd(10)} ${relative(root, path)}`);
  process.exit(name === undefined ? 0 : 2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
