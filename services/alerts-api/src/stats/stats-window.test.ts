import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minutesBetween, parseWindow } from './stats-window.js';

test('windows from one minute to one day', () => {
  assert.equal(parseWindow('15m'), 900_000);
  assert.equal(parseWindow('90s'), 90_000);
  assert.equal(parseWindow('24h'), 86_400_000);
  for (const bad of ['30s', '25h', '0m', '15', 'm', '1d', '-5m', '1.5h', '015m']) {
    assert.equal(parseWindow(bad), undefined, bad);
  }
});

test('one point per minute, the partial first minute included', () => {
  const minutes = minutesBetween(
    new Date('2026-01-01T10:00:30Z'),
    new Date('2026-01-01T10:03:10Z'),
  );
  assert.deepEqual(
    minutes.map((m) => m.toISOString()),
    [
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:01:00.000Z',
      '2026-01-01T10:02:00.000Z',
      '2026-01-01T10:03:00.000Z',
    ],
  );
});
