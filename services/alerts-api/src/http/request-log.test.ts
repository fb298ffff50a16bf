import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactTokenInUrl } from './request-log.js';

test('a token in the query string never reaches the logs', () => {
  assert.equal(
    redactTokenInUrl('/api/alerts/stream?access_token=eyJ.abc.def&lastEventId=5'),
    '/api/alerts/stream?access_token=[redacted]&lastEventId=5',
  );
  assert.equal(
    redactTokenInUrl('/api/alerts/stream?lastEventId=5&ACCESS_TOKEN=x'),
    '/api/alerts/stream?lastEventId=5&ACCESS_TOKEN=[redacted]',
  );
  assert.equal(redactTokenInUrl('/api/alerts?status=open'), '/api/alerts?status=open');
});
