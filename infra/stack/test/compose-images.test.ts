/**
 * The images compose builds: every Dockerfile's base images pinned, its COPY sources present
 * in the build context and not excluded by its .dockerignore, what the services read at run
 * time inside the context, and each service running an npm script its workspace has.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadStackConfig } from '@fraud/stack';
import { dockerignore, expandArgs, parseDockerfile } from './compose-dockerfile.js';
import { activeServices, readComposeDocument, type ComposeFile } from './compose-model.js';
import { PENDING_NPM_SCRIPTS } from './compose-pending.js';
import { listWorkspaces } from './compose-workspaces.js';

const root = loadStackConfig().root;
const compose = readComposeDocument(root) as ComposeFile;
const services = activeServices(compose, []);
const workspaces = listWorkspaces(root);
const dockerDir = join(root, 'infra', 'docker');
const dockerfiles = readdirSync(dockerDir)
  .filter((name) => name.endsWith('Dockerfile'))
  .map((name) => join('infra', 'docker', name));

test('compose builds from Dockerfiles in infra/docker, with the repository as context', () => {
  assert.ok(dockerfiles.length > 0);
  for (const [name, service] of Object.entries(services)) {
    if (!service.build) continue;
    assert.equal(service.build.context, '.', name);
    assert.ok(
      dockerfiles.includes(service.build.dockerfile ?? ''),
      `${name}: ${service.build.dockerfile}`,
    );
  }
});

for (const dockerfile of dockerfiles) {
  const instructions = parseDockerfile(join(root, dockerfile));
  const ignored = dockerignore(join(root, `${dockerfile}.dockerignore`));

  test(`${dockerfile}: base images pinned, Node 20`, () => {
    // ARGs before the first FROM are what FROM lines may use.
    const firstFrom = instructions.findIndex((i) => i.keyword === 'FROM');
    const globalArgs = Object.fromEntries(
      instructions
        .slice(0, firstFrom)
        .filter((i) => i.keyword === 'ARG')
        .map((i) => (i.args[0] ?? '').split(/=(.*)/s) as [string, string]),
    );
    const stages = new Set<string>();
    for (const from of instructions.filter((i) => i.keyword === 'FROM')) {
      const image = expandArgs(from.args[0] ?? '', globalArgs);
      if (!stages.has(image)) {
        assert.match(
          image,
          /^[\w./-]+:\d+(\.\d+)+[\w.-]*$/,
          `${dockerfile}: ${image} is not pinned`,
        );
        if (image.startsWith('node:')) assert.match(image, /^node:20\.\d+\.\d+-/, 'Node 20, exact');
      }
      if (from.args[1]?.toUpperCase() === 'AS' && from.args[2]) stages.add(from.args[2]);
    }
  });

  test(`${dockerfile}: COPY sources exist in the context and are not ignored`, () => {
    const stages: string[] = [];
    let copies = 0;
    for (const instruction of instructions) {
      if (instruction.keyword === 'FROM' && instruction.args[2]) stages.push(instruction.args[2]);
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const from = instruction.flags.from;
      if (from !== undefined) {
        assert.ok(stages.includes(from), `${instruction.raw}: no earlier stage ${from}`);
        continue;
      }
      for (const source of instruction.args.slice(0, -1)) {
        copies += 1;
        const relative = source.replace(/^\.\/?/, '').replace(/\/$/, '');
        assert.ok(existsSync(join(root, relative)), `${instruction.raw}: ${source} does not exist`);
        if (relative)
          assert.ok(!ignored(relative), `${instruction.raw}: ${source} is dockerignored`);
      }
    }
    assert.ok(copies > 0, 'copies something from the context');
  });

  test(`${dockerfile}: what the images need at build and run time is in the context`, () => {
    const needed = [
      'package.json',
      'package-lock.json',
      '.npmrc',
      // schemas' cdc command renders the connector from this file (cdc-setup runs it).
      'infra/connect/fraud-cdc.json',
      'schemas/migrations',
      ...workspaces.flatMap((w) => [`${w.dir}/package.json`, `${w.dir}/src`]),
    ];
    if (existsSync(join(root, 'patches'))) needed.push('patches');
    for (const path of needed) {
      assert.ok(existsSync(join(root, path)), `${path} is missing`);
      assert.ok(!ignored(path), `${path} is excluded by ${dockerfile}.dockerignore`);
    }
    // And what must stay out: the host's installs and local state.
    for (const path of ['node_modules', 'services/payments-api/node_modules', '.stack', '.git']) {
      assert.ok(ignored(path), `${path} should be dockerignored`);
    }
  });
}

/** The npm script a service runs: its command's `npm run <script> -w <ws>`, else `start`. */
function npmScriptOf(command: string[] | undefined, buildWorkspace: string) {
  if (!command) return { workspace: buildWorkspace, script: 'start' };
  assert.equal(command[0], 'npm', `runs an npm script: ${command.join(' ')}`);
  const script = command[1] === 'run' ? command[2] : command[1];
  const workspace = command[command.indexOf('-w') + 1];
  return { workspace: workspace ?? '', script: script ?? '' };
}

test('each service runs an npm script of the workspace its image was built for', () => {
  const missing: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    const buildWorkspace = service.build?.args?.WORKSPACE;
    if (!buildWorkspace) continue;
    const { workspace, script } = npmScriptOf(service.command, buildWorkspace);
    assert.equal(workspace, buildWorkspace, `${name}: runs another workspace than it installed`);
    const found = workspaces.find((w) => w.name === workspace);
    if (found?.scripts[script] !== undefined) continue;
    const pending = PENDING_NPM_SCRIPTS.some(
      (p) => p.workspace === workspace && p.script === script,
    );
    assert.ok(pending, `${name}: npm run ${script} -w ${workspace} does not exist`);
    missing.push(`${workspace}:${script}`);
  }
  // An entry whose script now exists must leave the pending list (and be checked for real).
  for (const { workspace, script } of PENDING_NPM_SCRIPTS) {
    assert.ok(
      missing.includes(`${workspace}:${script}`),
      `${workspace} now has \`${script}\`: check its env against docker-compose.yml, then remove it from compose-pending.ts`,
    );
  }
});
