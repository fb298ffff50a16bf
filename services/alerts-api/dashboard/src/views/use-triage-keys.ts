import type { Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Resolution } from '../api/types.js';
import type { DetailStore } from '../state/detail-store.js';
import type { QueueStore } from '../state/queue-store.js';
import { shortcutFor } from '../state/shortcuts.js';
import { canDecide } from '../state/transitions.js';

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The keyboard shortcuts of the dashboard (see state/shortcuts.ts for the table). */
export function useTriageKeys(options: {
  queue: QueueStore;
  detail: DetailStore;
  analyst: boolean;
  helpOpen: Signal<boolean>;
  resolving: Signal<Resolution | null>;
}): void {
  const { queue, detail, analyst, helpOpen, resolving } = options;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const action = shortcutFor(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          inTextField: isTextField(event.target),
        },
        analyst,
      );
      if (!action) return;
      // The resolve dialog owns the keyboard while open; only Escape reaches past it.
      if (resolving.value && action !== 'close') return;
      event.preventDefault();
      const status = detail.detail.value?.status;
      switch (action) {
        case 'next':
          return queue.move(1);
        case 'previous':
          return queue.move(-1);
        case 'acknowledge':
          if (status && canDecide(status, 'acknowledge')) void detail.acknowledge();
          return;
        case 'assign':
          if (status && canDecide(status, 'assign')) void detail.assignToMe();
          return;
        case 'fraud':
        case 'legit':
          if (status && canDecide(status, 'resolve'))
            resolving.value = action === 'fraud' ? 'confirmed_fraud' : 'false_positive';
          return;
        case 'help':
          helpOpen.value = !helpOpen.value;
          return;
        case 'close':
          resolving.value = null;
          helpOpen.value = false;
          return;
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [queue, detail, analyst, helpOpen, resolving]);
}
