import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertPage } from '../api/types.js';
import type { AlertFilter } from './alert-filter.js';
import { createQueueStore } from './queue-store.js';
import { testAlert } from './test-alerts.js';

const at = (minute: number) => `2026-11-23T12:${String(minute).padStart(2, '0')}:00.000Z`;
const alert = (id: string, minute: number) => testAlert({ alertId: id, eventTime: at(minute) });

/**
 * A list endpoint serving fixed pages (by `<status>:<cursor>`, or by cursor alone), whose
 * answers the test releases when it wants: all in order, or one by request number.
 */
function pagedApi(pages: Record<string, AlertPage>) {
  const requests: { filter: AlertFilter; cursor: string | null }[] = [];
  const answers: (() => void)[] = [];
  return {
    requests,
    release: () => answers.forEach((answer) => answer()),
    releaseOne: (n: number) => answers[n]?.(),
    api: {
      listAlerts(filter: AlertFilter, cursor: string | null) {
        requests.push({ filter, cursor });
        const key = cursor ?? 'first';
        const page = pages[`${filter.status}:${key}`] ?? pages[key];
        if (!page) return Promise.reject(new Error(`no page ${key}`));
        return new Promise<AlertPage>((resolve) => answers.push(() => resolve(page)));
      },
    },
  };
}

const ids = (store: ReturnType<typeof createQueueStore>) => store.items.value.map((a) => a.alertId);

test('pages follow the cursor; a live alert that raced the first page is kept', async () => {
  const server = pagedApi({
    first: { items: [alert('c', 30), alert('b', 20)], nextCursor: 'p2' },
    p2: { items: [alert('b', 20), alert('a', 10)], nextCursor: null },
  });
  const queue = createQueueStore(server.api);
  const loading = queue.reload();
  queue.applyLive(alert('d', 40), true); // arrives while the first page is on its way
  server.release();
  await loading;
  assert.deepEqual(ids(queue), ['d', 'c', 'b']);
  assert.equal(queue.arrivedLive.has('d'), true);

  const more = queue.loadMore();
  server.release();
  await more;
  assert.deepEqual(ids(queue), ['d', 'c', 'b', 'a']);
  assert.equal(queue.hasMore.value, false);
  assert.deepEqual(
    server.requests.map((r) => r.cursor),
    [null, 'p2'],
  );
});

test('j/k move through the queue; after the selected alert leaves, j takes its successor', async () => {
  const server = pagedApi({
    first: { items: [alert('c', 30), alert('b', 20), alert('a', 10)], nextCursor: null },
  });
  const queue = createQueueStore(server.api);
  const loading = queue.reload();
  server.release();
  await loading;

  queue.move(1);
  assert.equal(queue.selectedId.value, 'c');
  queue.move(1);
  queue.move(1);
  queue.move(1);
  assert.equal(queue.selectedId.value, 'a', 'stops at the end');
  queue.move(-1);
  assert.equal(queue.selectedId.value, 'b');

  queue.applyLive({ ...alert('b', 20), status: 'resolved', resolution: 'false_positive' });
  assert.deepEqual(ids(queue), ['c', 'a']);
  assert.equal(queue.selectedId.value, 'b', 'the resolved alert stays shown');
  queue.move(1);
  assert.equal(queue.selectedId.value, 'a');
});

test('a new filter reloads from the first page; a slower answer to the old one is dropped', async () => {
  const server = pagedApi({
    'unresolved:first': { items: [alert('old-filter', 5)], nextCursor: null },
    'resolved:first': { items: [alert('new-filter', 6)], nextCursor: null },
  });
  const queue = createQueueStore(server.api);
  const stale = queue.reload();
  queue.setFilter({ status: 'resolved', minScore: 0.9, cardId: null });
  assert.equal(server.requests.at(-1)?.filter.status, 'resolved');
  server.releaseOne(1);
  await new Promise((resolve) => setTimeout(resolve, 0));
  server.releaseOne(0);
  await stale;
  assert.equal(queue.loading.value, false);
  assert.deepEqual(ids(queue), ['new-filter']);
});
