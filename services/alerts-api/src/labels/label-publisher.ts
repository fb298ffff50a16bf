import type { Producer } from 'kafkajs';
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '@fraud/common';
import type { AvroSerde, FraudLabel } from '@fraud/schemas';
import { inTransaction } from '../db/transaction.js';
import { lockPendingLabels, markPublished, pendingLabelCount } from './label-outbox.js';

export interface LabelPublisherOptions {
  pool: pg.Pool;
  /** Idempotent producer, used by this publisher alone (one send in flight at a time). */
  producer: Producer;
  /** The FraudLabel serde; resolved on first use, so start-up does not wait on the registry. */
  serde: () => Promise<AvroSerde<FraudLabel>>;
  topic: string;
  logger: Logger;
  metrics: Registry;
  batchSize?: number;
  /** A safety net beside NOTIFY: look at the outbox at least this often. */
  pollMs?: number;
}

export interface LabelPublisher {
  /** Publish what is pending now (NOTIFY and reconnections call this). */
  poke(): void;
  /** Resolves once the outbox is empty or publishing failed; for tests and shutdown. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Drains the label outbox to `fraud.labels`. Why an outbox rather than publishing from the
 * request: the decision and its label commit together, a decision never waits on (or fails
 * with) Kafka, and a label is never published for a decision that rolled back. Each round
 * locks pending rows, sends them (acks=all, idempotent producer), then marks them in the same
 * transaction; a crash between send and commit publishes those labels again (at least once,
 * keyed by payment id, so consumers keep the last per payment).
 */
export function createLabelPublisher({
  pool,
  producer,
  serde,
  topic,
  logger,
  metrics,
  batchSize = 100,
  pollMs = 5000,
}: LabelPublisherOptions): LabelPublisher {
  const log = logger.child({ component: 'label-publisher', topic });
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let retryMs = 500;
  let retry: NodeJS.Timeout | undefined;

  new Gauge({
    name: 'alerts_labels_pending',
    help: 'Analyst decisions waiting in the outbox for fraud.labels',
    registers: [metrics],
    async collect() {
      this.set(await pendingLabelCount(pool).catch(() => Number.NaN));
    },
  });

  async function publishOnce(): Promise<number> {
    return inTransaction(pool, async (client) => {
      const pending = await lockPendingLabels(client, batchSize);
      if (pending.length === 0) return 0;
      const labels = await serde();
      await producer.send({
        topic,
        acks: -1,
        messages: pending.map(({ label }) => ({
          key: label.paymentId,
          value: labels.serialize(label),
        })),
      });
      await markPublished(
        client,
        pending.map((p) => p.id),
      );
      return pending.length;
    });
  }

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        let published: number;
        do {
          published = await publishOnce();
          if (published > 0) log.info({ published }, 'labels published');
        } while (published === batchSize && !stopped);
        retryMs = 500;
      } catch (error) {
        // Kafka or the database is unavailable: the labels wait in the outbox.
        log.warn({ err: error, retryInMs: retryMs }, 'cannot publish labels yet');
        clearTimeout(retry);
        retry = setTimeout(poke, retryMs);
        retryMs = Math.min(retryMs * 2, 30_000);
        return;
      }
    } while (again && !stopped);
  }

  function poke(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
    });
  }

  const poll = setInterval(poke, pollMs);
  poll.unref();

  return {
    poke,
    async drain() {
      poke();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(retry);
      await running;
    },
  };
}
