// Buckets 2% wide on a log scale from 0.05 ms: constant memory however long a run lasts.
const GROWTH = Math.log(1.02);
const FLOOR_MS = 0.05;

/** Response-time percentiles of a live run without keeping every sample. */
export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private maxMs = 0;

  record(ms: number): void {
    const bucket = Math.max(0, Math.ceil(Math.log(Math.max(ms, FLOOR_MS) / FLOOR_MS) / GROWTH));
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total++;
    this.maxMs = Math.max(this.maxMs, ms);
  }

  /** The upper edge of the bucket holding the q-quantile (0 < q ≤ 1), in milliseconds. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank) return Math.min(this.maxMs, FLOOR_MS * Math.exp(bucket * GROWTH));
    }
    return this.maxMs;
  }

  summary(): { p50: number; p95: number; p99: number; max: number } {
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      p50: round(this.quantile(0.5)),
      p95: round(this.quantile(0.95)),
      p99: round(this.quantile(0.99)),
      max: round(this.maxMs),
    };
  }
}
