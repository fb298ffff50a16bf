import type { ProcessGroup, ProcessSample } from './process-sampler.js';

export interface ProcessUsage {
  name: string;
  group: ProcessGroup;
  cpuMeanPercent: number | null;
  cpuMaxPercent: number | null;
  rssMaxBytes: number;
  pssMaxBytes: number;
}

export interface UsageSummary {
  processes: ProcessUsage[];
  /** Stack and services together (the bench's own process left out), per sample, at most. */
  totalRssMaxBytes: number;
  totalPssMaxBytes: number;
  /** Percent of one core, mean over the window, stack and services together. */
  totalCpuMeanPercent: number | null;
  samples: number;
}

const round = (v: number) => Math.round(v * 10) / 10;
const mean = (values: readonly number[]) =>
  values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);

/** Per process and in total, over the samples taken in [fromMs, toMs]. */
export function summarizeUsage(
  samples: readonly ProcessSample[],
  fromMs: number,
  toMs: number,
): UsageSummary {
  const inWindow = samples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs);
  const byName = new Map<string, ProcessSample[]>();
  for (const s of inWindow) {
    const mine = byName.get(s.name);
    if (mine) mine.push(s);
    else byName.set(s.name, [s]);
  }
  const processes = [...byName.values()].map((mine): ProcessUsage => {
    const cpu = mine.flatMap((s) => (s.cpuPercent === null ? [] : [s.cpuPercent]));
    const first = mine[0] as ProcessSample;
    return {
      name: first.name,
      group: first.group,
      cpuMeanPercent: mean(cpu),
      cpuMaxPercent: cpu.length === 0 ? null : round(Math.max(...cpu)),
      rssMaxBytes: Math.max(...mine.map((s) => s.rssBytes)),
      pssMaxBytes: Math.max(...mine.map((s) => s.pssBytes)),
    };
  });

  const byTick = new Map<number, { rss: number; pss: number; cpu: number; complete: boolean }>();
  for (const s of inWindow) {
    if (s.group === 'driver') continue;
    const total = byTick.get(s.tick) ?? { rss: 0, pss: 0, cpu: 0, complete: true };
    total.rss += s.rssBytes;
    total.pss += s.pssBytes;
    total.cpu += s.cpuPercent ?? 0;
    total.complete &&= s.cpuPercent !== null;
    byTick.set(s.tick, total);
  }
  const totals = [...byTick.values()];
  return {
    processes,
    totalRssMaxBytes: Math.max(0, ...totals.map((t) => t.rss)),
    totalPssMaxBytes: Math.max(0, ...totals.map((t) => t.pss)),
    totalCpuMeanPercent: mean(totals.filter((t) => t.complete).map((t) => t.cpu)),
    samples: totals.length,
  };
}
