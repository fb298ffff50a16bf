import { quantile } from '../report/index.js';

export interface LatencySummary {
  count: number;
  /** Nearest-rank percentiles in ms; null when there are no samples. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Exact percentiles of a run's latencies (a few hundred thousand numbers sort in ms). */
export function summarizeLatency(values: readonly number[]): LatencySummary {
  if (values.length === 0) {
    return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(quantile(sorted, q));
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sum / sorted.length),
  };
}

/** The latencies of one output topic's records, in the order they arrived. */
export interface Arrival {
  /** Commit time of the payment in PostgreSQL (Debezium source.ts_ms), epoch ms. */
  eventTime: number;
  /** When the topology scored it (its own clock), epoch ms. */
  processedAt: number;
  /** When our consumer received it, epoch ms. */
  arrivedAt: number;
}

/**
 * Every arrival of a run, kept so any window can be summarised afterwards (warm-up left out,
 * one window per sweep step) by commit time: a record belongs to the window its payment was
 * committed in, however late it arrives.
 */
export class ArrivalLog {
  private readonly eventTimes: number[] = [];
  private readonly processedAts: number[] = [];
  private readonly arrivedAts: number[] = [];

  add({ eventTime, processedAt, arrivedAt }: Arrival): void {
    this.eventTimes.push(eventTime);
    this.processedAts.push(processedAt);
    this.arrivedAts.push(arrivedAt);
  }

  get count(): number {
    return this.eventTimes.length;
  }

  /** Records committed in [fromMs, toMs). */
  countCommitted(fromMs: number, toMs: number): number {
    return this.eventTimes.filter((t) => t >= fromMs && t < toMs).length;
  }

  /** Latencies of the records committed in [fromMs, toMs): to arrival, and to scoring. */
  window(fromMs: number, toMs: number): { toArrival: number[]; toProcessed: number[] } {
    const toArrival: number[] = [];
    const toProcessed: number[] = [];
    this.eventTimes.forEach((t, i) => {
      if (t < fromMs || t >= toMs) return;
      toArrival.push((this.arrivedAts[i] ?? t) - t);
      toProcessed.push((this.processedAts[i] ?? t) - t);
    });
    return { toArrival, toProcessed };
  }

  /** Commit-to-arrival latencies of the records that arrived from index `from` on. */
  latenciesSince(from: number): number[] {
    return this.arrivedAts.slice(from).map((a, i) => a - (this.eventTimes[from + i] ?? a));
  }

  /** [commit time, commit-to-arrival latency] pairs, for latency over time. */
  *points(fromMs: number, toMs: number): Generator<[number, number]> {
    for (let i = 0; i < this.eventTimes.length; i++) {
      const t = this.eventTimes[i] ?? 0;
      if (t >= fromMs && t < toMs) yield [t, (this.arrivedAts[i] ?? t) - t];
    }
  }
}
