import type { AlertSummary } from '../api/types.js';
import { matchesFilter, type AlertFilter } from './alert-filter.js';

/** The queue's order, the API's too: latest payment (event time) first, ties by alert id. */
export function newerFirst(a: AlertSummary, b: AlertSummary): number {
  return Date.parse(b.eventTime) - Date.parse(a.eventTime) || (a.alertId < b.alertId ? 1 : -1);
}

/**
 * Applies a live alert (new or updated) to the loaded queue: replaced in place, inserted at
 * its place in the order, or removed when it no longer matches the filter (resolved while the
 * queue shows open alerts). `allLoaded` false means older pages are still to come, so an
 * alert older than the last loaded one is left for them rather than appended out of order.
 */
export function applyLiveAlert(
  items: readonly AlertSummary[],
  alert: AlertSummary,
  filter: AlertFilter,
  allLoaded: boolean,
): AlertSummary[] {
  const rest = items.filter((item) => item.alertId !== alert.alertId);
  const existing = rest.length !== items.length;
  if (!matchesFilter(alert, filter)) return existing ? rest : [...items];
  const at = rest.findIndex((item) => newerFirst(alert, item) < 0);
  if (at === -1) return allLoaded || existing ? [...rest, alert] : [...items];
  return [...rest.slice(0, at), alert, ...rest.slice(at)];
}

/** Appends the next page, skipping alerts that live events already put in the queue. */
export function appendPage(
  items: readonly AlertSummary[],
  page: readonly AlertSummary[],
): AlertSummary[] {
  const seen = new Set(items.map((item) => item.alertId));
  return [...items, ...page.filter((item) => !seen.has(item.alertId))];
}
