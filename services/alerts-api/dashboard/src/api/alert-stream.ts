import type { AlertSummary } from './types.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface AlertStreamHandlers {
  onAlert: (alert: AlertSummary) => void;
  onUpdate: (alert: AlertSummary) => void;
  onState: (state: StreamState) => void;
  /** Reopened without a position to resume from: events may have been missed. */
  onResync: () => void;
}

/** How long to wait before reopening a stream the server closed (e.g. with a 4xx). */
const REOPEN_DELAY_MS = 3000;

function parseAlert(data: string): AlertSummary | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'alertId' in value) {
      return value as AlertSummary;
    }
  } catch {
    // reported below
  }
  console.warn('alert stream: ignoring an event that is not an alert', data.slice(0, 200));
  return null;
}

/**
 * Follows the live stream at `url(lastEventId)`. EventSource reconnects by itself after a
 * network error and resumes with Last-Event-ID; when the server refuses the connection instead
 * it gives up, so this reopens it after a pause, from the last event seen (or, having seen
 * none, asks the caller to reload what it may have missed).
 */
export function openAlertStream(
  url: (lastEventId: string | null) => string,
  handlers: AlertStreamHandlers,
): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let lastEventId: string | null = null;

  const open = (reopening: boolean) => {
    handlers.onState(reopening ? 'reconnecting' : 'connecting');
    let resync = reopening && lastEventId === null;
    const es = new EventSource(url(lastEventId));
    source = es;
    es.onopen = () => {
      handlers.onState('live');
      if (resync) handlers.onResync();
      resync = false;
    };
    es.onerror = () => {
      if (closed) return;
      handlers.onState('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        timer = setTimeout(() => open(true), REOPEN_DELAY_MS);
      }
    };
    es.addEventListener('alert', (event: MessageEvent<string>) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      const alert = parseAlert(event.data);
      if (alert) handlers.onAlert(alert);
    });
    es.addEventListener('alert-updated', (event: MessageEvent<string>) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      const alert = parseAlert(event.data);
      if (alert) handlers.onUpdate(alert);
    });
  };

  open(false);
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}
