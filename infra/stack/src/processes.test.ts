import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  groupPids,
  groupRss,
  isAlive,
  runningPid,
  startDaemon,
  stopGroup,
  tail,
} from './processes.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'stack-proc-'));

test('a daemon runs in its own group, is found by its pid file and stops with its children', async () => {
  const dir = scratch();
  // A shell that forks a child, like PostgreSQL's postmaster does.
  const child = startDaemon({
    name: 'sleeper',
    file: 'sh',
    args: ['-c', `sleep 30 & echo started ${dir}; wait`],
    logFile: join(dir, 'sleeper.log'),
    runDir: dir,
  });
  const pid = child.pid ?? assert.fail('no pid');
  await new Promise((done) => setTimeout(done, 200));
  assert.equal(runningPid(dir, 'sleeper', dir), pid);
  assert.equal(runningPid(dir, 'sleeper', '/not/our/stack'), undefined);
  assert.ok(groupPids(pid).length >= 2, 'the shell and its sleep');
  assert.ok(groupRss(pid) > 0);
  assert.match(tail(join(dir, 'sleeper.log'), 5), /started/);
  await stopGroup(pid, 'SIGTERM', 5000);
  assert.deepEqual(groupPids(pid), []);
  assert.equal(isAlive(pid), false);
});

test('a process that ignores the polite signal is killed after the timeout', async () => {
  const dir = scratch();
  const child = startDaemon({
    name: 'stubborn',
    file: 'sh',
    args: ['-c', "trap '' TERM; sleep 30"],
    logFile: join(dir, 'stubborn.log'),
    runDir: dir,
  });
  const pid = child.pid ?? assert.fail('no pid');
  await new Promise((done) => setTimeout(done, 200));
  const started = Date.now();
  await stopGroup(pid, 'SIGTERM', 500);
  assert.deepEqual(groupPids(pid), []);
  assert.ok(Date.now() - started < 5000);
});

test('a stale or garbled pid file is not taken for a running component', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'kafka.pid'), 'garbage');
  assert.equal(runningPid(dir, 'kafka', dir), undefined);
  writeFileSync(join(dir, 'kafka.pid'), String(process.pid));
  // Our own pid is alive, but its command line does not name the stack folder.
  assert.equal(runningPid(dir, 'kafka', '/no/such/stack/folder'), undefined);
});
