import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DaemonSpec {
  name: string;
  file: string;
  args: string[];
  logFile: string;
  runDir: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

const pidFile = (runDir: string, name: string) => join(runDir, `${name}.pid`);

/**
 * Starts a process in its own process group, detached from this one, output appended to its
 * log file, pid recorded under run/. The returned child reports an early exit while we wait.
 */
export function startDaemon(spec: DaemonSpec): ChildProcess {
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
      ...(spec.uid === undefined ? {} : { uid: spec.uid }),
      ...(spec.gid === undefined ? {} : { gid: spec.gid }),
    });
    if (child.pid !== undefined) writeFileSync(pidFile(spec.runDir, spec.name), String(child.pid));
    child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * The pid of a component started by this stack, if it still runs. The command line must name
 * the stack folder, so a recycled pid that belongs to another program is never taken for ours.
 */
export function runningPid(runDir: string, name: string, marker: string): number | undefined {
  const file = pidFile(runDir, name);
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(marker) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function forgetPid(runDir: string, name: string): void {
  rmSync(pidFile(runDir, name), { force: true });
}

/** Signals the whole process group, waits, then kills what is left. */
export async function stopGroup(
  pid: number,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<void> {
  const signalGroup = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // Already gone.
    }
  };
  signalGroup(signal);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (groupPids(pid).length === 0) return;
    await sleep(200);
  }
  signalGroup('SIGKILL');
  while (groupPids(pid).length > 0) await sleep(100);
}

interface ProcStat {
  pid: number;
  pgrp: number;
  state: string;
  rssPages: number;
}

function readProcStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      state: fields[0] ?? '?',
      pgrp: Number(fields[2]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return undefined;
  }
}

function allProcStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcStat(Number(entry)))
    .filter((s): s is ProcStat => s !== undefined && s.state !== 'Z');
}

/** Live processes of a group (a daemon and the children it forked, like PostgreSQL's). */
export const groupPids = (pgid: number): number[] =>
  allProcStats()
    .filter((s) => s.pgrp === pgid)
    .map((s) => s.pid);

const PAGE_SIZE = 4096;

/** Resident memory of a whole process group, in bytes. */
export const groupRss = (pgid: number): number =>
  allProcStats()
    .filter((s) => s.pgrp === pgid)
    .reduce((sum, s) => sum + s.rssPages * PAGE_SIZE, 0);

export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}
