/** What the bench needs of one line of /proc/<pid>/stat (proc(5)). */
export interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  /** utime + stime: CPU time used so far, in clock ticks. */
  cpuTicks: number;
  rssPages: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses, so
 * fields are counted from the last ')'. Undefined for text that is not a stat line.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 1 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // fields[0] is field 3 (state) of proc(5): field n is fields[n - 3].
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  const stat = {
    pid,
    ppid: field(4),
    state: fields[0] ?? '?',
    cpuTicks: field(14) + field(15),
    rssPages: field(24),
  };
  const numbers = [stat.pid, stat.ppid, stat.cpuTicks, stat.rssPages];
  return numbers.every(Number.isSafeInteger) ? stat : undefined;
}

/**
 * Proportional set size from /proc/<pid>/smaps_rollup, in bytes: shared pages divided among
 * the processes sharing them, so a sum over PostgreSQL's backends does not count its shared
 * buffers once per backend as a sum of RSS does.
 */
export function parsePssBytes(smapsRollup: string): number | undefined {
  const match = /^Pss:\s+(\d+) kB$/m.exec(smapsRollup);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

/** A process and all its descendants (a service and the helpers it forked). */
export function processTree(root: number, stats: Iterable<ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const s of stats) {
    const siblings = children.get(s.ppid);
    if (siblings) siblings.push(s.pid);
    else children.set(s.ppid, [s.pid]);
  }
  const tree = new Set<number>();
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    if (tree.has(pid)) continue;
    tree.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return [...tree];
}

/**
 * CPU use of a set of processes between two readings, in percent of one core. A process
 * missing from the first reading started in between: all its CPU time counts. One gone by the
 * second reading is not counted (its last ticks are lost, as with top).
 */
export function cpuPercent(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  pids: readonly number[],
  elapsedMs: number,
  ticksPerSecond: number,
): number {
  if (!(elapsedMs > 0)) return 0;
  let ticks = 0;
  for (const pid of pids) {
    const now = after.get(pid);
    if (now === undefined) continue;
    ticks += Math.max(0, now - (before.get(pid) ?? 0));
  }
  return (ticks / ticksPerSecond / (elapsedMs / 1000)) * 100;
}
