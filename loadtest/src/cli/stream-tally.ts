import type { GeneratedPayment } from '../generator/generated-payment.js';

/** Counts what passes through, so the summary can say what the stream contained. */
export class StreamTally {
  payments = 0;
  fraud = 0;
  readonly byPattern: Record<string, number> = {};
  private readonly incidents = new Set<string>();
  firstAt: number | undefined;
  lastAt: number | undefined;

  *pass(payments: Iterable<GeneratedPayment>, limit: number | undefined) {
    for (const payment of payments) {
      if (limit !== undefined && this.payments >= limit) return;
      this.payments++;
      this.firstAt ??= payment.at;
      this.lastAt = payment.at;
      const { pattern, incidentId } = payment.label;
      if (pattern !== null) {
        this.fraud++;
        this.byPattern[pattern] = (this.byPattern[pattern] ?? 0) + 1;
      }
      if (incidentId !== null) this.incidents.add(incidentId);
      yield payment;
    }
  }

  summary() {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return {
      payments: this.payments,
      fraud: this.fraud,
      fraudShare: this.payments > 0 ? Math.round((this.fraud / this.payments) * 1e4) / 1e4 : 0,
      fraudByPattern: this.byPattern,
      incidents: this.incidents.size,
      firstEventAt: iso(this.firstAt),
      lastEventAt: iso(this.lastAt),
    };
  }
}
