import pg from 'pg';
import type { Logger } from '@fraud/common';

export interface NotificationListenerOptions {
  connection: pg.ClientConfig;
  channels: readonly string[];
  /** A NOTIFY on one of the channels arrived. */
  onNotify: (channel: string) => void;
  /**
   * Called after every (re)connection: notifications sent while disconnected are lost, so the
   * owner catches up from the tables here.
   */
  onConnected: () => void;
  logger: Logger;
  /** Longest pause between reconnection attempts. */
  maxBackoffMs?: number;
}

export interface NotificationListener {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One dedicated connection LISTENing on a few channels (a pooled connection cannot: LISTEN is
 * per session). Reconnects with exponential backoff when the connection drops.
 */
export function createNotificationListener({
  connection,
  channels,
  onNotify,
  onConnected,
  logger,
  maxBackoffMs = 10_000,
}: NotificationListenerOptions): NotificationListener {
  const log = logger.child({ component: 'listen' });
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let backoffMs = 250;

  async function connect(): Promise<void> {
    const next = new pg.Client({
      ...connection,
      keepAlive: true,
      application_name: 'alerts-api-listen',
    });
    next.on('notification', (message) => onNotify(message.channel));
    next.on('error', (error) => {
      log.warn({ err: error }, 'LISTEN connection failed; reconnecting');
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      schedule();
    });
    await next.connect();
    for (const channel of channels) await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    client = next;
    backoffMs = 250;
    log.info({ channels }, 'listening');
    onConnected();
  }

  function schedule(): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: unknown) => {
        log.warn({ err: error, retryInMs: backoffMs }, 'cannot LISTEN yet');
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
        schedule();
      });
    }, backoffMs);
  }

  return {
    start: connect,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
