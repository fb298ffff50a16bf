import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canDecide } from './transitions.js';

test('the dashboard offers only the transitions the workflow accepts', () => {
  assert.equal(canDecide('open', 'acknowledge'), true);
  assert.equal(canDecide('acknowledged', 'acknowledge'), false);
  assert.equal(canDecide('acknowledged', 'resolve'), true);
  assert.equal(canDecide('assigned', 'resolve'), true);
  for (const d of ['acknowledge', 'assign', 'resolve'] as const) {
    assert.equal(canDecide('resolved', d), false);
  }
});
