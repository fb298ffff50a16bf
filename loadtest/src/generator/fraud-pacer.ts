import type { Prng } from '@fraud/schemas';
import type { FraudPattern } from './generated-payment.js';
import { INCIDENTS } from './incidents/index.js';
import { cumulativeOf, weightedIndex } from './random.js';

/**
 * Decides when the next incident starts so that fraudulent payments make up `fraudRate` of
 * the stream: an incident starts once the fraud deficit reaches a random share of what the
 * next incident will add, which keeps the rate tight without evenly spaced incidents.
 */
export class FraudPacer {
  private fraud = 0;
  private total = 0;
  private nextPattern: FraudPattern | undefined;
  private threshold = 0;
  private readonly cumulative: Float64Array;

  constructor(
    private readonly random: Prng,
    private readonly rate: number,
    private readonly patterns: readonly FraudPattern[],
  ) {
    this.cumulative = cumulativeOf(patterns.map((p) => INCIDENTS[p].weight));
    this.prepare();
  }

  count(payments: number, fraudulent: number): void {
    this.total += payments;
    this.fraud += fraudulent;
  }

  /** The pattern of an incident to start now, if one is due. */
  due(): FraudPattern | undefined {
    const pattern = this.nextPattern;
    if (pattern === undefined || this.rate * this.total - this.fraud < this.threshold) {
      return undefined;
    }
    this.prepare();
    return pattern;
  }

  private prepare(): void {
    if (this.rate === 0 || this.patterns.length === 0) return;
    this.nextPattern = this.patterns[weightedIndex(this.random, this.cumulative)];
    const size = this.nextPattern ? INCIDENTS[this.nextPattern].meanFraudPayments : 0;
    this.threshold = (1 - this.rate) * size * this.random();
  }
}
