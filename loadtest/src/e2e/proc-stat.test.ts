import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuPercent, parseProcStat, parsePssBytes, processTree } from './proc-stat.js';

// A real line's shape; the command name holds a space and a parenthesis, as `(sd-pam)` or
// `tmux: server (x)` do.
const STAT =
  '2760 (java (x) y) S 1 2760 2760 0 -1 1077936384 250000 0 12 0 10450 1320 0 0 20 0 85 0 ' +
  '4410 6377046016 143360 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0';

test('a stat line: pid, parent, state, CPU ticks (utime + stime) and resident pages', () => {
  assert.deepEqual(parseProcStat(STAT), {
    pid: 2760,
    ppid: 1,
    state: 'S',
    cpuTicks: 10450 + 1320,
    rssPages: 143360,
  });
});

test('text that is not a stat line parses to undefined', () => {
  assert.equal(parseProcStat(''), undefined);
  assert.equal(parseProcStat('garbage'), undefined);
  assert.equal(parseProcStat('12 (cut'), undefined);
  assert.equal(parseProcStat('12 (short) S 1'), undefined);
});

test('PSS from smaps_rollup, in bytes; the Pss_* lines are not taken for it', () => {
  const rollup = [
    '55b84601a000-7ffc5bd11000 ---p 00000000 00:00 0                          [rollup]',
    'Rss:                1688 kB',
    'Pss_Dirty:           116 kB',
    'Pss:                 206 kB',
    'Pss_Anon:            116 kB',
  ].join('\n');
  assert.equal(parsePssBytes(rollup), 206 * 1024);
  assert.equal(parsePssBytes('Rss: 12 kB'), undefined);
});

test('a process tree holds the root and every descendant, nothing else', () => {
  const stat = (pid: number, ppid: number) => ({ pid, ppid, state: 'S', cpuTicks: 0, rssPages: 0 });
  const stats = [stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 10), stat(13, 12), stat(20, 1)];
  assert.deepEqual(
    processTree(10, stats).sort((a, b) => a - b),
    [10, 11, 12, 13],
  );
  assert.deepEqual(processTree(20, stats), [20]);
});

test('CPU percent of one core between two readings', () => {
  const before = new Map([
    [1, 100],
    [2, 50],
    [3, 500],
  ]);
  // pid 1 used 100 ticks, pid 2 none, pid 3 is gone, pid 4 started in between with 20.
  const after = new Map([
    [1, 200],
    [2, 50],
    [4, 20],
  ]);
  // 120 ticks at 100/s over 2 s = 60 % of one core.
  assert.equal(cpuPercent(before, after, [1, 2, 3, 4], 2000, 100), 60);
  assert.equal(cpuPercent(before, after, [2], 2000, 100), 0);
  assert.equal(cpuPercent(before, after, [1], 0, 100), 0);
});
