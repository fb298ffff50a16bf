import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FraudError } from '@fraud/common';
import { classifyDatabaseError } from './database-errors.js';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

test('an unreachable or overloaded database is retriable DATABASE_UNAVAILABLE', () => {
  for (const error of [
    withCode('ECONNREFUSED'),
    withCode('57P01'),
    withCode('08006'),
    withCode('53300'),
    withCode('57014'),
    new Error('timeout exceeded when trying to connect'),
  ]) {
    const classified = classifyDatabaseError(error);
    assert.ok(classified instanceof FraudError, String(error));
    assert.equal(classified.code, 'DATABASE_UNAVAILABLE');
    assert.equal(classified.retriable, true);
  }
});

test('values the database refuses are INVALID_VALUE, not a 500', () => {
  for (const code of ['22021', '22P02', '22003', '23514']) {
    const classified = classifyDatabaseError(withCode(code));
    assert.ok(classified instanceof FraudError);
    assert.equal(classified.code, 'INVALID_VALUE');
  }
});

test('other database errors pass through unchanged', () => {
  const unique = withCode('23505');
  assert.equal(classifyDatabaseError(unique), unique);
});
