import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logProblems } from './log-problems.js';

test('warnings and errors are counted by message; info and debug lines are not', () => {
  const log = [
    '{"level":30,"msg":"fraud topology running"}',
    '{"level":50,"namespace":"Connection","error":"CONCURRENT_TRANSACTIONS","msg":"Response AddPartitionsToTxn"}',
    '{"level":50,"namespace":"Connection","error":"CONCURRENT_TRANSACTIONS","msg":"Response AddPartitionsToTxn"}',
    '{"level":40,"msg":"ALERTS_JWT_SECRET is the demo default"}',
    '{"level":20,"msg":"fetch"}',
    '{"level":60,"msg":"consumer stopped for good"}',
    '',
  ].join('\n');
  assert.deepEqual(logProblems(log), {
    'Response AddPartitionsToTxn: CONCURRENT_TRANSACTIONS': 2,
    'ALERTS_JWT_SECRET is the demo default': 1,
    'consumer stopped for good': 1,
  });
});

test('a broken line at a problem level is counted, not dropped', () => {
  assert.deepEqual(logProblems('{"level":50,"msg":"cut off'), { 'unparsable log line': 1 });
  assert.deepEqual(logProblems(''), {});
});
