import type { Admin } from 'kafkajs';

export interface CommittedOffset {
  partition: number;
  /** '-1' when the group has committed nothing for the partition. */
  offset: string;
}

export interface TopicEnd {
  partition: number;
  high: string;
  low: string;
}

/**
 * Records a group has still to process on a topic: per partition, end offset minus committed
 * offset. A partition without a commit counts from its low watermark (where a new group with
 * `fromBeginning` starts).
 */
export function groupLag(committed: readonly CommittedOffset[], ends: readonly TopicEnd[]): number {
  const position = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return ends.reduce((lag, end) => {
    const at = position.get(end.partition) ?? -1;
    const from = at >= 0 ? at : Number(end.low);
    return lag + Math.max(0, Number(end.high) - from);
  }, 0);
}

export interface LagSample {
  atMs: number;
  lag: number;
}

export interface LagTrend {
  samples: number;
  mean: number | null;
  max: number | null;
  last: number | null;
  /** Least-squares slope of lag over time, records per second. */
  slopePerSecond: number | null;
  /** The slope over the window's span adds up to more than the tolerance. */
  growing: boolean;
}

/**
 * Whether lag grows over a window: a fitted line rather than first-versus-last, so one
 * commit landing just before or after a sample does not decide it. `toleranceRecords` is the
 * growth over the whole window still taken as steady (e.g. one second of traffic).
 */
export function lagTrend(samples: readonly LagSample[], toleranceRecords: number): LagTrend {
  const n = samples.length;
  if (n === 0) {
    return { samples: 0, mean: null, max: null, last: null, slopePerSecond: null, growing: false };
  }
  const xs = samples.map((s) => (s.atMs - (samples[0] as LagSample).atMs) / 1000);
  const ys = samples.map((s) => s.lag);
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - meanX) * ((ys[i] ?? 0) - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = den > 0 ? num / den : null;
  const span = xs[n - 1] ?? 0;
  return {
    samples: n,
    mean: Math.round(meanY),
    max: Math.max(...ys),
    last: ys[n - 1] ?? null,
    slopePerSecond: slope === null ? null : Math.round(slope * 100) / 100,
    growing: slope !== null && slope * span > toleranceRecords,
  };
}

/** The lag of a consumer group on one topic, read with the admin client each call. */
export async function readGroupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [committed, ends] = await Promise.all([
    admin.fetchOffsets({ groupId, topics: [topic] }),
    admin.fetchTopicOffsets(topic),
  ]);
  return groupLag(committed.find((c) => c.topic === topic)?.partitions ?? [], ends);
}
