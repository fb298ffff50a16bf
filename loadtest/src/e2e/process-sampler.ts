import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import {
  cpuPercent,
  parseProcStat,
  parsePssBytes,
  processTree,
  type ProcStat,
} from './proc-stat.js';

export type ProcessGroup = 'stack' | 'service' | 'driver';

export interface WatchedProcess {
  name: string;
  pid: number;
  group: ProcessGroup;
  /** Count the processes it forked too (PostgreSQL's backends, tsx's esbuild). */
  withDescendants: boolean;
}

export interface ProcessSample {
  /** Samples taken together share a tick, so they can be summed across processes. */
  tick: number;
  atMs: number;
  name: string;
  group: ProcessGroup;
  /** Percent of one core since the previous sample; null on the first. */
  cpuPercent: number | null;
  rssBytes: number;
  pssBytes: number;
  processes: number;
}

/** Clock ticks per second and page size, as the kernel reports them (getconf). */
export function systemConstants(): { ticksPerSecond: number; pageSize: number } {
  const read = (name: string, fallback: number) => {
    const out = spawnSync('getconf', [name], { encoding: 'utf8' });
    const value = Number(out.stdout?.trim());
    return out.status === 0 && value > 0 ? value : fallback;
  };
  return { ticksPerSecond: read('CLK_TCK', 100), pageSize: read('PAGESIZE', 4096) };
}

async function readAllStats(): Promise<Map<number, ProcStat>> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const stats = await Promise.all(
    pids.map((pid) => readFile(`/proc/${pid}/stat`, 'utf8').then(parseProcStat, () => undefined)),
  );
  const byPid = new Map<number, ProcStat>();
  for (const s of stats) if (s !== undefined && s.state !== 'Z') byPid.set(s.pid, s);
  return byPid;
}

const pssOf = (pid: number): Promise<number | undefined> =>
  readFile(`/proc/${pid}/smaps_rollup`, 'utf8').then(parsePssBytes, () => undefined);

/** CPU, RSS and PSS of the watched processes, read from /proc each time `sample` is called. */
export class ProcessSampler {
  readonly samples: ProcessSample[] = [];
  private readonly watched: WatchedProcess[] = [];
  private readonly constants = systemConstants();
  private previous: { atMs: number; ticks: Map<number, number> } | undefined;
  private tick = 0;

  watch(process: WatchedProcess): void {
    this.watched.push(process);
  }

  unwatch(name: string): void {
    const index = this.watched.findIndex((w) => w.name === name);
    if (index >= 0) this.watched.splice(index, 1);
  }

  /** One reading of every watched process; a process that is gone reads as zero. */
  async sample(): Promise<ProcessSample[]> {
    const atMs = Date.now();
    const stats = await readAllStats();
    const ticks = new Map([...stats.values()].map((s) => [s.pid, s.cpuTicks]));
    const previous = this.previous;
    const tick = this.tick++;
    const taken = await Promise.all(
      this.watched.map(async (w): Promise<ProcessSample> => {
        const pids = (w.withDescendants ? processTree(w.pid, stats.values()) : [w.pid]).filter(
          (pid) => stats.has(pid),
        );
        const pss = await Promise.all(pids.map(pssOf));
        return {
          tick,
          atMs,
          name: w.name,
          group: w.group,
          cpuPercent: previous
            ? cpuPercent(
                previous.ticks,
                ticks,
                pids,
                atMs - previous.atMs,
                this.constants.ticksPerSecond,
              )
            : null,
          rssBytes: pids.reduce(
            (sum, pid) => sum + (stats.get(pid)?.rssPages ?? 0) * this.constants.pageSize,
            0,
          ),
          pssBytes: pss.reduce<number>((sum, bytes) => sum + (bytes ?? 0), 0),
          processes: pids.length,
        };
      }),
    );
    this.previous = { atMs, ticks };
    this.samples.push(...taken);
    return taken;
  }
}
