import type { StatusFilter } from '../state/alert-filter.js';
import type { QueueStore } from '../state/queue-store.js';

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'unresolved', label: 'To do' },
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'assigned', label: 'Assigned' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

const MIN_SCORES = [0, 0.5, 0.7, 0.8, 0.9, 0.95];

export function QueueFilters({ queue }: { queue: QueueStore }) {
  const filter = queue.filter.value;
  return (
    <div class="filters">
      <div class="segmented" role="radiogroup" aria-label="Status">
        {STATUSES.map((s) => (
          <button
            key={s.value}
            type="button"
            role="radio"
            aria-checked={filter.status === s.value}
            class={`segmented__item${filter.status === s.value ? ' is-active' : ''}`}
            onClick={() => queue.setFilter({ ...filter, status: s.value })}
          >
            {s.label}
          </button>
        ))}
      </div>
      <select
        class="filters__score"
        aria-label="Minimum score"
        value={String(filter.minScore)}
        onChange={(e) => queue.setFilter({ ...filter, minScore: Number(e.currentTarget.value) })}
      >
        {MIN_SCORES.map((s) => (
          <option key={s} value={String(s)}>
            {s === 0 ? 'any score' : `score ≥ ${s.toFixed(2)}`}
          </option>
        ))}
      </select>
      {filter.cardId && (
        <button
          type="button"
          class="chip chip--removable"
          title="Show every card again"
          onClick={() => queue.setFilter({ ...filter, cardId: null })}
        >
          card {filter.cardId.slice(0, 8)}… ×
        </button>
      )}
    </div>
  );
}
