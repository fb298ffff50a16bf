/** What decides whether a rate is sustained. */
export interface StepFigures {
  targetRate: number;
  /** Requests per second postTraffic achieved. */
  achievedRate: number;
  sent: number;
  accepted: number;
  rejected: number;
  /** Scored records whose payment was committed while the traffic ran. */
  scored: number;
  scoredP99Ms: number | null;
  lagGrowing: boolean;
}

export interface StepVerdict {
  pass: boolean;
  /** Why it failed; empty when it passed. */
  reasons: string[];
}

/** Below this share of the target rate, the load generator (not the pipeline) fell behind. */
const MIN_RATE_SHARE = 0.95;
/** Rejections or unscored payments above this share fail the step. */
const MAX_LOSS_SHARE = 0.01;

/**
 * A rate passes when the pipeline keeps up with it: the target p99, lag that does not grow,
 * the rate actually offered, and (nearly) every accepted payment scored.
 */
export function judgeStep(figures: StepFigures, p99TargetMs: number): StepVerdict {
  const reasons: string[] = [];
  const { scoredP99Ms: p99 } = figures;
  if (p99 === null) reasons.push('no scored records');
  else if (p99 > p99TargetMs) reasons.push(`p99 ${p99} ms > ${p99TargetMs} ms`);
  if (figures.lagGrowing) reasons.push('the topology lag grows');
  if (figures.achievedRate < figures.targetRate * MIN_RATE_SHARE) {
    reasons.push(`offered ${figures.achievedRate}/s of ${figures.targetRate}/s`);
  }
  if (figures.rejected > figures.sent * MAX_LOSS_SHARE) {
    reasons.push(`${figures.rejected} of ${figures.sent} payments rejected`);
  }
  if (figures.scored < figures.accepted * (1 - MAX_LOSS_SHARE)) {
    reasons.push(`${figures.scored} of ${figures.accepted} accepted payments scored`);
  }
  return { pass: reasons.length === 0, reasons };
}

/** The rates a sweep tries, in order. */
export function sweepRates(first: number, step: number, max: number): number[] {
  const rates: number[] = [];
  for (let rate = first; rate <= max; rate += step) rates.push(rate);
  return rates;
}

/** The highest rate passed before the first failure; null when the first step failed. */
export function highestPassingRate(
  steps: readonly { rate: number; verdict: StepVerdict }[],
): number | null {
  let best: number | null = null;
  for (const step of steps) {
    if (!step.verdict.pass) break;
    best = step.rate;
  }
  return best;
}
