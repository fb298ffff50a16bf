import { createHash } from 'node:crypto';
import { DEFAULT_SEED_SIZES, type SeedSizes } from '@fraud/schemas';
import { TrafficError } from './errors.js';
import { FRAUD_PATTERNS, type FraudPattern } from './generated-payment.js';

export interface TrafficOptions {
  seed: number;
  /** Event time of the stream's start, epoch ms. */
  startMs: number;
  durationMs: number;
  /** Averaged over a day; the rate at any moment follows the card holders' local time. */
  paymentsPerSecond: number;
  /** Share of payments that are fraudulent, e.g. 0.01; at most 0.5. */
  fraudRate: number;
  /** The seeded population to draw from; must match what the database was seeded with. */
  sizes?: SeedSizes;
  /** Patterns to inject (all by default), at the relative frequencies of INCIDENTS. */
  patterns?: readonly FraudPattern[];
}

export function validateTrafficOptions(options: TrafficOptions): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.seed)) problems.push('seed must be an integer');
  if (!Number.isFinite(options.startMs)) problems.push('startMs must be a finite epoch time');
  if (!(options.durationMs >= 0)) problems.push('durationMs must be ≥ 0');
  if (!(options.paymentsPerSecond > 0)) problems.push('paymentsPerSecond must be > 0');
  if (!(options.fraudRate >= 0 && options.fraudRate <= 0.5)) {
    problems.push('fraudRate must be between 0 and 0.5');
  }
  const unknown = (options.patterns ?? []).filter((p) => !FRAUD_PATTERNS.includes(p));
  if (unknown.length > 0) problems.push(`unknown fraud patterns: ${unknown.join(', ')}`);
  if (options.patterns?.length === 0 && options.fraudRate > 0) {
    problems.push('a fraudRate above 0 needs at least one pattern');
  }
  if (problems.length > 0) {
    throw new TrafficError(
      'INVALID_TRAFFIC_OPTIONS',
      `invalid traffic options: ${problems.join('; ')}`,
    );
  }
}

/**
 * A short tag naming the run (every option, not just the seed), so payment ids of two
 * different runs never collide while a re-run of the same one reproduces them exactly.
 */
export function runTag(options: TrafficOptions): string {
  const { seed, startMs, durationMs, paymentsPerSecond, fraudRate } = options;
  const sizes = options.sizes ?? DEFAULT_SEED_SIZES;
  const patterns = options.patterns ?? FRAUD_PATTERNS;
  const canonical = JSON.stringify([
    seed,
    startMs,
    durationMs,
    paymentsPerSecond,
    fraudRate,
    sizes.accounts,
    sizes.cards,
    sizes.merchants,
    [...patterns],
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 10);
}
