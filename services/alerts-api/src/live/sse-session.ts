import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import type { EventHub } from './event-hub.js';
import { logBounds, readEvents, type StreamEvent } from './event-log.js';

export interface SseSessionOptions {
  response: ServerResponse;
  hub: EventHub;
  pool: pg.Pool;
  /** The client's Last-Event-ID: replay everything after it first. */
  lastEventId: number | undefined;
  heartbeatMs: number;
  /** A client this far behind is disconnected; it resumes from the log when it reconnects. */
  maxBufferedBytes?: number;
  onClose: () => void;
}

export interface SseSession {
  close(): void;
}

const REPLAY_BATCH = 500;

const format = (event: StreamEvent) =>
  `id: ${event.seq}\nevent: ${event.type}\ndata: ${event.data}\n\n`;

/**
 * One live-stream client. Subscribes to the hub first and queues what it broadcasts, replays the
 * log after Last-Event-ID, then drains the queue: every event exactly once and in order, with
 * no gap between the replay and the live part (duplicates are skipped by sequence number).
 */
export async function openSseSession({
  response,
  hub,
  pool,
  lastEventId,
  heartbeatMs,
  maxBufferedBytes = 1 << 20,
  onClose,
}: SseSessionOptions): Promise<SseSession> {
  let last = lastEventId ?? hub.head();
  let live = false;
  let closed = false;
  const queued: StreamEvent[] = [];

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    response.end();
    onClose();
  };
  const write = (text: string) => {
    if (closed) return;
    response.write(text);
    // A client that cannot keep up would hold ever more memory here; it can catch up later.
    if (response.writableLength > maxBufferedBytes) response.destroy();
  };
  const deliver = (event: StreamEvent) => {
    if (event.seq <= last) return;
    last = event.seq;
    write(format(event));
  };

  const canResume = async (from: number) => {
    const bounds = await logBounds(pool);
    if (!bounds) return from === 0;
    return from >= bounds.oldest - 1 && from <= bounds.newest;
  };

  const unsubscribe = hub.subscribe((event) => (live ? deliver(event) : queued.push(event)));
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
  response.on('close', close);

  write('retry: 3000\n\n');
  try {
    if (lastEventId !== undefined && !(await canResume(lastEventId))) {
      // Pruned past the client's position, or an id from another log (a rebuilt database):
      // a replay would be incomplete or wait for ids that never come. Tell it to reload.
      write('event: resync\ndata: {}\n\n');
      last = hub.head();
    } else if (lastEventId !== undefined) {
      let batch: StreamEvent[];
      do {
        batch = await readEvents(pool, last, REPLAY_BATCH);
        batch.forEach(deliver);
      } while (batch.length === REPLAY_BATCH && !closed);
    }
  } catch (error) {
    close();
    throw error;
  }
  live = true;
  queued.splice(0).forEach(deliver);
  return { close };
}
