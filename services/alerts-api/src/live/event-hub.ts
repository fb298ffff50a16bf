import type pg from 'pg';
import type { Logger } from '@fraud/common';
import { latestSeq, readEvents, type StreamEvent } from './event-log.js';

export type EventListener = (event: StreamEvent) => void;

export interface EventHub {
  /** Reads the current end of the log; events after it are broadcast. */
  start(): Promise<void>;
  /** Reads new events from the log and hands them to every subscriber (NOTIFY calls this). */
  poke(): void;
  subscribe(listener: EventListener): () => void;
  /** The newest event broadcast so far. */
  head(): number;
  readonly subscribers: number;
}

/**
 * Fans the event log out to this instance's live-stream clients. A NOTIFY (from whichever
 * instance or consumer wrote) only says "there is more": the hub reads the log once per wake-up
 * and broadcasts, so the database sees one query per instance, not one per client, and every
 * instance streams the same events in the same order.
 */
export function createEventHub({
  pool,
  logger,
  batchSize = 500,
}: {
  pool: pg.Pool;
  logger: Logger;
  batchSize?: number;
}): EventHub {
  const listeners = new Set<EventListener>();
  let head = 0;
  let pumping = false;
  let again = false;

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        let events: StreamEvent[];
        do {
          events = await readEvents(pool, head, batchSize);
          for (const event of events) {
            head = event.seq;
            for (const listener of listeners) listener(event);
          }
        } while (events.length === batchSize);
      } while (again);
    } catch (error) {
      // The next NOTIFY or reconnection retries from the same head; nothing is skipped.
      logger.warn({ err: error }, 'cannot read the event log');
    } finally {
      pumping = false;
    }
  }

  return {
    async start() {
      head = await latestSeq(pool);
    },
    poke: () => void pump(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    head: () => head,
    get subscribers() {
      return listeners.size;
    },
  };
}
