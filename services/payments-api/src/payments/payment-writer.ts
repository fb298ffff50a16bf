import { Histogram, type Registry } from 'prom-client';
import type { Query } from '../db/query.js';
import { PaymentsApiError } from '../errors.js';
import { insertPayments, type InsertOutcome, type NewPayment } from './payment-store.js';

export interface PaymentWriterOptions {
  query: Query;
  /** Most payments in one INSERT. */
  maxBatch: number;
  /** INSERT statements in flight at once; requests arriving meanwhile wait and go together. */
  concurrency: number;
  metrics: Registry;
}

interface Pending {
  payment: NewPayment;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for POST /payments. A payment is written at once when a statement slot is
 * free; under load, those arriving while the slots are busy are written together in the next
 * statement, one transaction and one WAL flush for all of them. Nothing waits on a timer, so a
 * lone request is not delayed, and the batch grows only as fast as the load does.
 */
export class PaymentWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly batchRows: Histogram;

  constructor(private readonly options: PaymentWriterOptions) {
    this.batchRows = new Histogram({
      name: 'payments_insert_batch_rows',
      help: 'Payments written per INSERT statement (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers: [options.metrics],
    });
  }

  write(payment: NewPayment): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ payment, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.insert(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async insert(batch: Pending[]): Promise<void> {
    this.batchRows.observe(batch.length);
    let outcomes: (InsertOutcome | PaymentsApiError)[];
    try {
      outcomes = await insertPayments(
        this.options.query,
        batch.map((p) => p.payment),
      );
    } catch (error) {
      // A value the database refuses fails the statement for all: write each alone, so only
      // its own request gets the refusal. An unavailable database fails them all, as it should.
      if (batch.length > 1 && !isUnavailable(error)) {
        await Promise.all(batch.map((p) => this.insert([p])));
        return;
      }
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined || outcome instanceof PaymentsApiError) p.reject(outcome);
      else p.resolve(outcome);
    });
  }
}

const isUnavailable = (error: unknown) =>
  error instanceof PaymentsApiError && error.code === 'DATABASE_UNAVAILABLE';
