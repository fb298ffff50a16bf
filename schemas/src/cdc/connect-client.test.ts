import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTransient } from './connect-client.js';

test('rebalances and timeouts are retried; a refused config is not', () => {
  assert.ok(isTransient(409, 'rebalance in progress'));
  assert.ok(isTransient(500, 'Request cannot be completed because a rebalance is expected'));
  assert.ok(isTransient(500, 'Request timed out'));
  assert.ok(isTransient(503, 'Service Unavailable'));
  assert.ok(!isTransient(500, 'Failed to find any class that implements Connector'));
  assert.ok(!isTransient(400, 'Connector configuration is invalid'));
});
