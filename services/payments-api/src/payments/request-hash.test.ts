import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, requestHash } from './request-hash.js';

test('equal requests hash equally whatever the key order', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, 1], c: null } }),
    '{"a":{"c":null,"d":[2,1]},"b":1}',
  );
  assert.equal(
    requestHash({ x: 1, y: 'a' }, 'k'.repeat(16)),
    requestHash({ y: 'a', x: 1 }, 'k'.repeat(16)),
  );
  assert.notEqual(requestHash({ x: 1 }, 'k'.repeat(16)), requestHash({ x: 2 }, 'k'.repeat(16)));
});
