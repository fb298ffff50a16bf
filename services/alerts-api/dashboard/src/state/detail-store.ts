import { effect, signal } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import type { AlertDetail, AlertSummary, Resolution } from '../api/types.js';
import { showNotice } from './notice.js';
import type { QueueStore } from './queue-store.js';

export type DetailStore = ReturnType<typeof createDetailStore>;

const RESOLUTION_LABEL: Record<Resolution, string> = {
  confirmed_fraud: 'confirmed fraud',
  false_positive: 'false positive',
};

/** The selected alert in full (payment, features, audit, card history) and the decisions on it. */
export function createDetailStore(api: ApiClient, queue: QueueStore, username: () => string) {
  const detail = signal<AlertDetail | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  /** The decision being sent, to disable the buttons meanwhile. */
  const pending = signal<string | null>(null);
  let generation = 0;

  async function load(id: string): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const next = await api.getAlert(id);
      if (mine === generation) detail.value = next;
    } catch (e) {
      if (mine === generation) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const dispose = effect(() => {
    const id = queue.selectedId.value;
    if (id === null) {
      generation++;
      detail.value = null;
      return;
    }
    if (detail.peek()?.alertId !== id) detail.value = null;
    void load(id);
  });

  async function decide(label: string, send: (id: string) => Promise<AlertSummary>) {
    const current = detail.value;
    if (!current || pending.value) return;
    pending.value = label;
    try {
      const updated = await send(current.alertId);
      queue.applyLive(updated);
      // The answer carries the new status at once; the audit entry comes with the reload.
      if (detail.peek()?.alertId === updated.alertId) detail.value = { ...current, ...updated };
      showNotice('info', `${label}: alert on card •••• ${updated.cardLast4}`);
      void load(updated.alertId);
    } catch (e) {
      showNotice('error', `${label} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      pending.value = null;
    }
  }

  return {
    detail,
    loading,
    error,
    pending,
    /** A live update of the shown alert: fetch it again for its new audit entries. */
    refreshIfShown(alert: AlertSummary) {
      if (detail.peek()?.alertId === alert.alertId && !pending.peek()) void load(alert.alertId);
    },
    acknowledge: () => decide('Acknowledged', (id) => api.acknowledge(id)),
    assignToMe: () => decide('Assigned to you', (id) => api.assign(id, username())),
    resolve: (resolution: Resolution, comment: string) =>
      decide(`Resolved as ${RESOLUTION_LABEL[resolution]}`, (id) =>
        api.resolve(id, resolution, comment),
      ),
    dispose,
  };
}
