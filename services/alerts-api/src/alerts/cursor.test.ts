import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor } from './cursor.js';

test('a cursor round-trips, microseconds and all, and is URL-safe', () => {
  const position = {
    eventTimeMicros: 1_767_225_600_123_456n,
    alertId: '1d2c3b4a-5f6e-4d8c-9b0a-1f2e3d4c5b55',
  };
  const cursor = encodeCursor(position);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(cursor), position);
});

test('anything this service did not issue is refused', () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  for (const bad of [
    '',
    'not base64!',
    'x'.repeat(201),
    Buffer.from('{').toString('base64url'),
    json({ eventTimeMicros: 1, alertId: 'a' }),
    json([2, '1', '1d2c3b4a-5f6e-4d8c-9b0a-1f2e3d4c5b55']),
    json([1, 1767225600000, '1d2c3b4a-5f6e-4d8c-9b0a-1f2e3d4c5b55']),
    json([1, '1.5', '1d2c3b4a-5f6e-4d8c-9b0a-1f2e3d4c5b55']),
    json([1, '1', "'; DROP TABLE alerts; --"]),
    json([1, '1', '1D2C3B4A-5F6E-4D8C-9B0A-1F2E3D4C5B55', 'extra']),
  ]) {
    assert.equal(decodeCursor(bad), undefined, bad);
  }
});
