import { useEffect, useRef } from 'preact/hooks';
import type { QueueStore } from '../state/queue-store.js';
import { QueueFilters } from './QueueFilters.js';
import { QueueRow } from './QueueRow.js';

/** The alert queue, newest first; scrolling to its end loads the next page. */
export function QueuePanel({ queue }: { queue: QueueStore }) {
  const sentinel = useRef<HTMLLIElement>(null);
  const items = queue.items.value;
  const selected = queue.selectedId.value;

  useEffect(() => {
    const target = sentinel.current;
    if (!target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void queue.loadMore();
      },
      { rootMargin: '200px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [queue]);

  return (
    <section class="queue" aria-label="Alert queue">
      <QueueFilters queue={queue} />
      <ol class="queue__list" data-testid="alert-queue">
        {items.map((alert) => (
          <QueueRow
            key={alert.alertId}
            alert={alert}
            selected={alert.alertId === selected}
            live={queue.arrivedLive.has(alert.alertId)}
            onSelect={() => queue.select(alert.alertId)}
          />
        ))}
        <li ref={sentinel} class="queue__end" aria-live="polite">
          {queue.error.value ? (
            <span class="error-text">
              {queue.error.value}{' '}
              <button class="link" type="button" onClick={() => void queue.reload()}>
                retry
              </button>
            </span>
          ) : queue.loading.value ? (
            'Loading…'
          ) : queue.hasMore.value ? (
            ''
          ) : items.length === 0 ? (
            'No alerts match these filters.'
          ) : (
            `${items.length} alert${items.length === 1 ? '' : 's'}, that is all.`
          )}
        </li>
      </ol>
    </section>
  );
}
