import type { AlertStatus, AlertSummary } from '../api/types.js';

/** One status, every status but resolved (the work still to do), or all of them. */
export type StatusFilter = AlertStatus | 'unresolved' | 'all';

const UNRESOLVED: readonly AlertStatus[] = ['open', 'acknowledged', 'assigned'];

const statusesOf = (filter: StatusFilter): readonly AlertStatus[] | null =>
  filter === 'all' ? null : filter === 'unresolved' ? UNRESOLVED : [filter];

/** What the queue shows; the same filter is sent to the API and applied to live events. */
export interface AlertFilter {
  status: StatusFilter;
  /** Lowest score shown, 0..1; 0 shows every alert. */
  minScore: number;
  /** Only this card's alerts, when set (from the detail view's card link). */
  cardId: string | null;
}

export const DEFAULT_FILTER: AlertFilter = { status: 'unresolved', minScore: 0, cardId: null };

export function filterQuery(filter: AlertFilter, cursor: string | null, limit: number): string {
  const query = new URLSearchParams();
  const statuses = statusesOf(filter.status);
  if (statuses) query.set('status', statuses.join(','));
  if (filter.minScore > 0) query.set('minScore', String(filter.minScore));
  if (filter.cardId) query.set('cardId', filter.cardId);
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** Whether a live event belongs in the queue as currently filtered. */
export function matchesFilter(alert: AlertSummary, filter: AlertFilter): boolean {
  const statuses = statusesOf(filter.status);
  if (statuses && !statuses.includes(alert.status)) return false;
  if (alert.score < filter.minScore) return false;
  if (filter.cardId && alert.cardId !== filter.cardId) return false;
  return true;
}
