import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiErrorFrom } from './api-error.js';

test("the server's error body gives code and message", () => {
  const error = apiErrorFrom(409, {
    statusCode: 409,
    code: 'ILLEGAL_TRANSITION',
    message: 'alert is resolved',
  });
  assert.equal(error.status, 409);
  assert.equal(error.code, 'ILLEGAL_TRANSITION');
  assert.equal(error.message, 'alert is resolved');
});

test('any other body still gives a usable error', () => {
  const error = apiErrorFrom(502, '<html>bad gateway</html>');
  assert.equal(error.code, 'HTTP_502');
  assert.match(error.message, /502/);
});
