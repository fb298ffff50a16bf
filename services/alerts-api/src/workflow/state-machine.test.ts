import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALERT_STATUSES,
  allowedActions,
  labelOf,
  nextStatus,
  WORKFLOW_ACTIONS,
  type AlertStatus,
  type WorkflowAction,
} from './state-machine.js';

test('every legal transition, and nothing else', () => {
  const legal = new Map<string, AlertStatus>([
    ['open:acknowledge', 'acknowledged'],
    ['open:assign', 'assigned'],
    ['open:resolve', 'resolved'],
    ['acknowledged:assign', 'assigned'],
    ['acknowledged:resolve', 'resolved'],
    ['assigned:assign', 'assigned'],
    ['assigned:resolve', 'resolved'],
  ]);
  for (const status of ALERT_STATUSES) {
    for (const action of WORKFLOW_ACTIONS) {
      assert.equal(
        nextStatus(status, action),
        legal.get(`${status}:${action}`),
        `${status}:${action}`,
      );
    }
  }
});

test('resolved is terminal; acknowledging twice is refused', () => {
  assert.deepEqual(allowedActions('resolved'), []);
  assert.deepEqual(allowedActions('acknowledged'), [
    'assign',
    'resolve',
  ] satisfies WorkflowAction[]);
  assert.deepEqual(allowedActions('open'), ['acknowledge', 'assign', 'resolve']);
  assert.equal(nextStatus('acknowledged', 'acknowledge'), undefined);
});

test('resolutions map to training labels', () => {
  assert.equal(labelOf('confirmed_fraud'), 'fraud');
  assert.equal(labelOf('false_positive'), 'legitimate');
});
