import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FILTER, type AlertFilter } from './alert-filter.js';
import { appendPage, applyLiveAlert } from './queue-merge.js';
import { testAlert } from './test-alerts.js';

const at = (second: number) => `2026-11-23T12:00:${String(second).padStart(2, '0')}.000Z`;
const ids = (items: { alertId: string }[]) => items.map((a) => a.alertId);
const all: AlertFilter = { ...DEFAULT_FILTER, status: 'all' };

const loaded = [
  testAlert({ alertId: 'c', eventTime: at(30) }),
  testAlert({ alertId: 'b', eventTime: at(20) }),
  testAlert({ alertId: 'a', eventTime: at(10) }),
];

test('a new alert goes on top, an older one into its place', () => {
  assert.deepEqual(
    ids(applyLiveAlert(loaded, testAlert({ alertId: 'd', eventTime: at(40) }), all, true)),
    ['d', 'c', 'b', 'a'],
  );
  assert.deepEqual(
    ids(applyLiveAlert(loaded, testAlert({ alertId: 'x', eventTime: at(15) }), all, true)),
    ['c', 'b', 'x', 'a'],
  );
});

test('an alert older than everything loaded waits for its page while pages remain', () => {
  const old = testAlert({ alertId: 'z', eventTime: at(1) });
  assert.deepEqual(ids(applyLiveAlert(loaded, old, all, false)), ['c', 'b', 'a']);
  assert.deepEqual(ids(applyLiveAlert(loaded, old, all, true)), ['c', 'b', 'a', 'z']);
});

test('an update replaces the alert in place, without duplicating it', () => {
  const acknowledged = testAlert({ alertId: 'b', eventTime: at(20), status: 'acknowledged' });
  const next = applyLiveAlert(loaded, acknowledged, all, false);
  assert.deepEqual(ids(next), ['c', 'b', 'a']);
  assert.equal(next[1]?.status, 'acknowledged');
});

test('an alert that leaves the filter leaves the queue; one that never matched stays out', () => {
  const open: AlertFilter = { ...DEFAULT_FILTER, status: 'unresolved' };
  const resolved = testAlert({ alertId: 'b', eventTime: at(20), status: 'resolved' });
  assert.deepEqual(ids(applyLiveAlert(loaded, resolved, open, true)), ['c', 'a']);
  const lowScore = testAlert({ alertId: 'e', eventTime: at(50), score: 0.4 });
  assert.deepEqual(ids(applyLiveAlert(loaded, lowScore, { ...all, minScore: 0.5 }, true)), [
    'c',
    'b',
    'a',
  ]);
});

test('a page skips alerts that live events already put in the queue', () => {
  const page = [
    testAlert({ alertId: 'a', eventTime: at(10) }),
    testAlert({ alertId: 'n', eventTime: at(5) }),
  ];
  assert.deepEqual(ids(appendPage(loaded, page)), ['c', 'b', 'a', 'n']);
});
