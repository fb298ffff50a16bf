/** Nearest-rank quantile of sorted values; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export interface BucketStats {
  /** Seconds from the first bucket's start. */
  t: number;
  count: number;
  sum: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Values grouped into fixed time buckets, for percentiles over time (k6's summary has only
 * whole-run figures).
 */
export class TimeBuckets {
  private readonly buckets = new Map<number, number[]>();

  constructor(
    readonly startMs: number,
    readonly bucketMs: number,
  ) {
    if (!(bucketMs > 0)) throw new RangeError('bucketMs must be > 0');
  }

  add(timeMs: number, value: number): void {
    const index = Math.max(0, Math.floor((timeMs - this.startMs) / this.bucketMs));
    const values = this.buckets.get(index);
    if (values) values.push(value);
    else this.buckets.set(index, [value]);
  }

  /** One entry per bucket from the first to the last that has values; empty ones count 0. */
  stats(): BucketStats[] {
    const last = Math.max(-1, ...this.buckets.keys());
    const out: BucketStats[] = [];
    for (let index = 0; index <= last; index++) {
      const sorted = [...(this.buckets.get(index) ?? [])].sort((a, b) => a - b);
      out.push({
        t: (index * this.bucketMs) / 1000,
        count: sorted.length,
        sum: sorted.reduce((total, v) => total + v, 0),
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        p99: quantile(sorted, 0.99),
        max: sorted.length > 0 ? (sorted[sorted.length - 1] ?? NaN) : NaN,
      });
    }
    return out;
  }
}

/** A bucket width giving at most ~maxPoints points over the run, in whole seconds. */
export const bucketMsFor = (runMs: number, maxPoints = 240): number =>
  Math.max(1, Math.ceil(runMs / 1000 / maxPoints)) * 1000;
