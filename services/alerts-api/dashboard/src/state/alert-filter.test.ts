import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FILTER, filterQuery, matchesFilter } from './alert-filter.js';
import { testAlert } from './test-alerts.js';

test('the query carries only the filters that narrow the list, and the cursor', () => {
  assert.equal(
    filterQuery(DEFAULT_FILTER, null, 50),
    'status=open%2Cacknowledged%2Cassigned&limit=50',
  );
  assert.equal(
    filterQuery({ ...DEFAULT_FILTER, status: 'open' }, null, 10),
    'status=open&limit=10',
  );
  assert.equal(
    filterQuery({ status: 'all', minScore: 0.9, cardId: 'c-1' }, 'abc', 20),
    'minScore=0.9&cardId=c-1&limit=20&cursor=abc',
  );
});

test('live alerts are matched on status, score and card', () => {
  const alert = testAlert({ alertId: 'a', status: 'open', score: 0.8, cardId: 'c-1' });
  assert.equal(matchesFilter(alert, DEFAULT_FILTER), true);
  assert.equal(matchesFilter(alert, { ...DEFAULT_FILTER, status: 'resolved' }), false);
  assert.equal(matchesFilter({ ...alert, status: 'assigned' }, DEFAULT_FILTER), true);
  assert.equal(matchesFilter({ ...alert, status: 'resolved' }, DEFAULT_FILTER), false);
  assert.equal(matchesFilter(alert, { ...DEFAULT_FILTER, minScore: 0.9 }), false);
  assert.equal(matchesFilter(alert, { ...DEFAULT_FILTER, cardId: 'c-2' }), false);
  assert.equal(matchesFilter(alert, { status: 'all', minScore: 0.8, cardId: 'c-1' }), true);
});
