import { batch, computed, signal } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import type { AlertSummary } from '../api/types.js';
import type { StreamState } from '../api/alert-stream.js';
import { DEFAULT_FILTER, type AlertFilter } from './alert-filter.js';
import { appendPage, applyLiveAlert } from './queue-merge.js';

const PAGE_SIZE = 50;

export type QueueStore = ReturnType<typeof createQueueStore>;

/**
 * The live alert queue: pages loaded through the cursor, live events merged in, and the
 * selected alert. Live events that arrive while a page is loading are kept and replayed on
 * top of it, so a reload never loses an alert that raced it.
 */
export function createQueueStore(api: Pick<ApiClient, 'listAlerts'>) {
  const items = signal<AlertSummary[]>([]);
  const filter = signal<AlertFilter>(DEFAULT_FILTER);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const selectedId = signal<string | null>(null);
  const streamState = signal<StreamState>('connecting');
  /** Alerts that arrived live since the first page was requested. */
  const freshSinceReload = new Map<string, AlertSummary>();
  /** Ids of alerts that arrived live in this session, highlighted in the queue. */
  const arrivedLive = new Set<string>();
  let generation = 0;

  const allLoaded = computed(() => nextCursor.value === null && !loading.value);

  async function load(reset: boolean): Promise<void> {
    if (!reset && (loading.value || nextCursor.value === null)) return;
    const mine = ++generation;
    if (reset) freshSinceReload.clear();
    loading.value = true;
    error.value = null;
    try {
      const page = await api.listAlerts(filter.value, reset ? null : nextCursor.value, PAGE_SIZE);
      if (mine !== generation) return;
      batch(() => {
        let merged = reset ? page.items : appendPage(items.value, page.items);
        if (reset) {
          for (const alert of freshSinceReload.values()) {
            merged = applyLiveAlert(merged, alert, filter.value, page.nextCursor === null);
          }
        }
        items.value = merged;
        nextCursor.value = page.nextCursor;
      });
    } catch (e) {
      if (mine === generation) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** A live event or a decision's answer; `isNew` for alerts raised just now. */
  function applyLive(alert: AlertSummary, isNew = false): void {
    if (isNew) arrivedLive.add(alert.alertId);
    freshSinceReload.set(alert.alertId, alert);
    items.value = applyLiveAlert(items.value, alert, filter.value, allLoaded.value);
  }

  /** Where the selection was, for when its alert has left the queue (resolved, say). */
  let selectedIndex = -1;

  function select(id: string | null): void {
    selectedId.value = id;
    selectedIndex = items.value.findIndex((a) => a.alertId === id);
  }

  /**
   * Moves the selection by `delta` rows; when the selected alert has left the queue, `j` takes
   * the one that moved up into its place. Near the end of the list, loads the next page.
   */
  function move(delta: number): void {
    const list = items.value;
    if (list.length === 0) return;
    const at = list.findIndex((a) => a.alertId === selectedId.value);
    const target =
      at !== -1 ? at + delta : selectedIndex === -1 ? 0 : selectedIndex + Math.min(delta, 0);
    const next = Math.min(list.length - 1, Math.max(0, target));
    select(list[next]?.alertId ?? null);
    if (next >= list.length - 5) void load(false);
  }

  return {
    items,
    filter,
    loading,
    error,
    selectedId,
    streamState,
    arrivedLive: arrivedLive as ReadonlySet<string>,
    hasMore: computed(() => nextCursor.value !== null),
    reload: () => load(true),
    loadMore: () => load(false),
    setFilter(next: AlertFilter) {
      filter.value = next;
      void load(true);
    },
    select,
    move,
    applyLive,
  };
}
