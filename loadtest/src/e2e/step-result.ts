import type { PostTrafficResult } from '../generator/index.js';
import { bucketMsFor, TimeBuckets } from '../report/index.js';
import { lagTrend, type LagSample, type LagTrend } from './consumer-lag.js';
import { summarizeLatency, type ArrivalLog, type LatencySummary } from './latency.js';
import type { ProcessSample } from './process-sampler.js';
import { summarizeUsage, type UsageSummary } from './process-usage.js';
import { judgeStep, type StepVerdict } from './step-verdict.js';

/** The figures of one rate: a fixed-rate run has one step, a sweep one per rate tried. */
export interface StepResult {
  rate: number;
  /** Measured window (commit times), epoch ms: after the warm-up until the traffic stopped. */
  fromMs: number;
  toMs: number;
  traffic: {
    sent: number;
    accepted: number;
    rejected: number;
    rejections: Record<string, number>;
    fraudSent: number;
    achievedRate: number;
    apiLatencyMs: PostTrafficResult['latencyMs'];
  };
  /** Scored records and alerts of payments committed while the traffic ran (warm-up too). */
  scored: number;
  alerts: number;
  latencyMs: {
    /** Commit in PostgreSQL → its change event read from the CDC topic (Debezium's part). */
    commitToCdc: LatencySummary;
    /** Commit → the scored record read from payments.scored (read_committed). */
    commitToScored: LatencySummary;
    /** Commit → the topology's processedAt stamp (before its transaction commits). */
    commitToScoring: LatencySummary;
    /** Commit → the alert read from fraud.alerts. */
    commitToAlert: LatencySummary;
  };
  /** commitToScored per interval of the window: seconds from its start, p50/p99/max. */
  latencyOverTime: { t: number; count: number; p50: number; p99: number; max: number }[];
  lag: LagTrend;
  /** The topology's lag per interval of `lagIntervalS` (the largest sample in it). */
  lagOverTime: { t: number; lag: number }[];
  lagIntervalS: number;
  usage: UsageSummary;
  /**
   * How late the bench's own event loop ran while measuring: arrival times are stamped by it,
   * so they are only as exact as it is punctual.
   */
  driverLoopDelayMs: { p99: number; max: number };
  verdict: StepVerdict;
}

export interface StepInputs {
  rate: number;
  /** When the traffic started and stopped; measuring starts `warmupMs` after the start. */
  startedAt: number;
  stoppedAt: number;
  warmupMs: number;
  traffic: PostTrafficResult;
  cdc: ArrivalLog;
  scored: ArrivalLog;
  alerts: ArrivalLog;
  lagSamples: readonly LagSample[];
  processSamples: readonly ProcessSample[];
  /** Sampling interval of lag and processes: no lag interval is shorter. */
  sampleEveryMs: number;
  driverLoopDelayMs: { p99: number; max: number };
  p99TargetMs: number;
}

const intervals = (fromMs: number, toMs: number) => bucketMsFor(toMs - fromMs, 30);

/** Summarises one step from everything recorded while it ran. */
export function stepResult(inputs: StepInputs): StepResult {
  const { rate, startedAt, stoppedAt, traffic, scored, alerts } = inputs;
  const fromMs = Math.min(startedAt + inputs.warmupMs, stoppedAt);
  const toMs = stoppedAt;
  const scoredWindow = scored.window(fromMs, toMs);
  const commitToScored = summarizeLatency(scoredWindow.toArrival);

  const latencyBuckets = new TimeBuckets(fromMs, intervals(fromMs, toMs));
  for (const [t, latency] of scored.points(fromMs, toMs)) latencyBuckets.add(t, latency);
  const lagSamples = inputs.lagSamples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs);
  const lagIntervalMs = Math.max(intervals(fromMs, toMs), inputs.sampleEveryMs);
  const lagBuckets = new TimeBuckets(fromMs, lagIntervalMs);
  for (const s of lagSamples) lagBuckets.add(s.atMs, s.lag);
  // Steady means: it does not grow by more than a second's worth of traffic over the window.
  const lag = lagTrend(lagSamples, Math.max(100, rate));

  const scoredCount = scored.countCommitted(startedAt, stoppedAt);
  const step: Omit<StepResult, 'verdict'> = {
    rate,
    fromMs,
    toMs,
    traffic: {
      sent: traffic.sent,
      accepted: traffic.accepted,
      rejected: traffic.rejected,
      rejections: traffic.rejections,
      fraudSent: traffic.fraudSent,
      achievedRate: traffic.ratePerSecond,
      apiLatencyMs: traffic.latencyMs,
    },
    scored: scoredCount,
    alerts: alerts.countCommitted(startedAt, stoppedAt),
    latencyMs: {
      commitToCdc: summarizeLatency(inputs.cdc.window(fromMs, toMs).toArrival),
      commitToScored,
      commitToScoring: summarizeLatency(scoredWindow.toProcessed),
      commitToAlert: summarizeLatency(alerts.window(fromMs, toMs).toArrival),
    },
    latencyOverTime: latencyBuckets
      .stats()
      .map(({ t, count, p50, p99, max }) => ({ t, count, p50, p99, max })),
    lag,
    lagOverTime: lagBuckets
      .stats()
      .filter((b) => b.count > 0)
      .map(({ t, max }) => ({ t, lag: max })),
    lagIntervalS: lagIntervalMs / 1000,
    usage: summarizeUsage(inputs.processSamples, fromMs, toMs),
    driverLoopDelayMs: inputs.driverLoopDelayMs,
  };
  const verdict = judgeStep(
    {
      targetRate: rate,
      achievedRate: traffic.ratePerSecond,
      sent: traffic.sent,
      accepted: traffic.accepted,
      rejected: traffic.rejected,
      scored: scoredCount,
      scoredP99Ms: commitToScored.p99,
      lagGrowing: lag.growing,
    },
    inputs.p99TargetMs,
  );
  return { ...step, verdict };
}
