import { readFileSync } from 'node:fs';

/** The parts of k6's end-of-test summary (handleSummary's data) the report reads. */
export interface K6Metric {
  type: string;
  contains?: string;
  values: Readonly<Record<string, number>>;
  thresholds?: Readonly<Record<string, { ok: boolean }>>;
}

export interface K6Summary {
  metrics: Readonly<Record<string, K6Metric>>;
  state?: { testRunDurationMs?: number };
}

export function readK6Summary(path: string): K6Summary {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const metrics = (data as { metrics?: unknown }).metrics;
  if (typeof metrics !== 'object' || metrics === null) {
    throw new Error(`${path}: not a k6 summary (no metrics)`);
  }
  return data as K6Summary;
}

export interface ThresholdResult {
  metric: string;
  expression: string;
  ok: boolean;
}

export const thresholdResults = (summary: K6Summary): ThresholdResult[] =>
  Object.entries(summary.metrics).flatMap(([metric, m]) =>
    Object.entries(m.thresholds ?? {}).map(([expression, { ok }]) => ({ metric, expression, ok })),
  );
