import type { LatencySummary } from './latency.js';
import type { StepResult } from './step-result.js';

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : `${Math.round(bytes / 1024 ** 2)} MiB`;

const cell = (v: number | null, width = 7) => (v === null ? '–' : String(v)).padStart(width);

function latencyRow(label: string, s: LatencySummary): string {
  return `  ${label.padEnd(36)}${cell(s.count, 8)}${cell(s.p50)}${cell(s.p95)}${cell(s.p99)}${cell(s.max)}`;
}

/** The summary table of one step, as printed after it. */
export function formatStep(
  step: StepResult,
  p99TargetMs: number,
  totalTargetBytes: number,
): string[] {
  const { traffic, latencyMs, lag, usage } = step;
  const seconds = ((step.toMs - step.fromMs) / 1000).toFixed(0);
  const rejections = Object.entries(traffic.rejections)
    .map(([reason, n]) => `${n}× ${reason}`)
    .join(', ');
  const lines = [
    `rate ${step.rate}/s — ${step.verdict.pass ? 'PASS' : `FAIL (${step.verdict.reasons.join('; ')})`}`,
    `  traffic: ${traffic.sent} sent, ${traffic.accepted} accepted, ${traffic.rejected} rejected${rejections ? ` (${rejections})` : ''}, ${traffic.fraudSent} fraudulent; ${traffic.achievedRate}/s achieved`,
    `  API response: p50 ${traffic.apiLatencyMs.p50} ms, p99 ${traffic.apiLatencyMs.p99} ms, max ${traffic.apiLatencyMs.max} ms`,
    `  outputs: ${step.scored} scored (of ${traffic.accepted} accepted), ${step.alerts} alerts; bench event loop late by p99 ${step.driverLoopDelayMs.p99} ms, max ${step.driverLoopDelayMs.max} ms`,
    `  ${`latency (ms) over the last ${seconds} s`.padEnd(36)}${['count', 'p50', 'p95', 'p99', 'max'].map((h, i) => h.padStart(i === 0 ? 8 : 7)).join('')}`,
    latencyRow('commit → CDC record arrives', latencyMs.commitToCdc),
    latencyRow('commit → topology processedAt', latencyMs.commitToScoring),
    latencyRow('commit → scored record arrives', latencyMs.commitToScored),
    latencyRow('commit → alert arrives', latencyMs.commitToAlert),
    `  p99 target ${p99TargetMs} ms: ${latencyMs.commitToScored.p99 !== null && latencyMs.commitToScored.p99 <= p99TargetMs ? 'met' : 'missed'}`,
    `  topology lag on the payments topic: mean ${lag.mean ?? '–'}, max ${lag.max ?? '–'}, last ${lag.last ?? '–'}, trend ${lag.slopePerSecond ?? '–'} records/s → ${lag.growing ? 'GROWING' : 'steady'}`,
    `  lag over time (max per ${step.lagIntervalS} s): ${step.lagOverTime.map((b) => b.lag).join(' ')}`,
    `  scored p99 over time (ms): ${step.latencyOverTime.map((b) => (b.count === 0 ? '–' : b.p99)).join(' ')}`,
    `  ${'process'.padEnd(32)}${['cpu mean %', 'cpu max %', 'rss max', 'pss max'].map((h) => h.padStart(11)).join('')}`,
  ];
  for (const p of usage.processes) {
    lines.push(
      `  ${`${p.name} (${p.group})`.padEnd(32)}${cell(p.cpuMeanPercent, 11)}${cell(p.cpuMaxPercent, 11)}${formatBytes(p.rssMaxBytes).padStart(11)}${formatBytes(p.pssMaxBytes).padStart(11)}`,
    );
  }
  // RSS sums count shared pages (PostgreSQL's buffers, mapped jars) once per process; PSS
  // divides them among their sharers, so its sum is the memory the stack really holds.
  const within = usage.totalPssMaxBytes <= totalTargetBytes ? 'within' : 'OVER';
  lines.push(
    `  ${'stack + services'.padEnd(32)}${cell(usage.totalCpuMeanPercent, 11)}${''.padStart(11)}${formatBytes(usage.totalRssMaxBytes).padStart(11)}${formatBytes(usage.totalPssMaxBytes).padStart(11)}  (${within} the ${formatBytes(totalTargetBytes)} target by PSS)`,
  );
  return lines;
}
