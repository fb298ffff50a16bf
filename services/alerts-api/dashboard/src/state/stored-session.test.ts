import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStoredSession } from './stored-session.js';

const stored = { token: 't', role: 'analyst', username: 'ana', expiresAt: 2_000 };

test('a well-formed unexpired session is restored', () => {
  assert.deepEqual(parseStoredSession(JSON.stringify(stored), 1_000), stored);
});

test('expired, malformed or foreign values are not', () => {
  assert.equal(parseStoredSession(JSON.stringify(stored), 2_000), null);
  assert.equal(parseStoredSession(null, 0), null);
  assert.equal(parseStoredSession('{not json', 0), null);
  assert.equal(parseStoredSession(JSON.stringify({ ...stored, role: 'admin' }), 0), null);
  assert.equal(parseStoredSession(JSON.stringify({ ...stored, expiresAt: '2000' }), 0), null);
});
