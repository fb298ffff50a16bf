import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { FraudError } from './errors.js';
import { errorHandling, InvalidFieldsError } from './http-errors.js';
import { observability } from './observability.js';

async function appWith(databaseUp: boolean) {
  const app = Fastify();
  await app.register(errorHandling, { statusByCode: { GONE_AWAY: 410 }, retryAfterSeconds: 7 });
  await app.register(observability, {
    readiness: {
      database: async () => {
        if (!databaseUp) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
      },
      cache: async () => undefined,
    },
  });
  app.get('/gone', async () => {
    throw new FraudError('GONE_AWAY', 'it left');
  });
  app.get('/busy', async () => {
    throw new FraudError('BUSY', 'try later', { retriable: true });
  });
  app.get('/bad', async () => {
    throw new InvalidFieldsError([{ in: 'body', field: 'x', message: 'is odd' }]);
  });
  app.get('/boom', async () => {
    throw new Error('secret detail');
  });
  return app;
}

test('/readyz names each check and fails when one fails; /healthz stays up', async () => {
  const down = await appWith(false);
  const ready = await down.inject('/readyz');
  assert.equal(ready.statusCode, 503);
  assert.deepEqual(ready.json(), {
    status: 'not_ready',
    checks: { database: 'ECONNREFUSED', cache: 'ok' },
  });
  assert.equal((await down.inject('/healthz')).statusCode, 200);
  const up = await appWith(true);
  assert.equal((await up.inject('/readyz')).statusCode, 200);
});

test('/metrics exposes process metrics and request durations by route pattern', async () => {
  const app = await appWith(true);
  await app.inject('/gone');
  const body = (await app.inject('/metrics')).body;
  assert.match(
    body,
    /http_request_duration_seconds_count\{method="GET",route="\/gone",status_code="410"\} 1/,
  );
  assert.match(body, /nodejs_eventloop_lag_seconds/);
});

test('errors map to statuses by code; retriable ones to 503 with Retry-After', async () => {
  const app = await appWith(true);
  const gone = await app.inject('/gone');
  assert.equal(gone.statusCode, 410);
  assert.deepEqual(gone.json(), { statusCode: 410, code: 'GONE_AWAY', message: 'it left' });
  const busy = await app.inject('/busy');
  assert.equal(busy.statusCode, 503);
  assert.equal(busy.headers['retry-after'], '7');
  const bad = await app.inject('/bad');
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json<{ fields: unknown }>().fields, [
    { in: 'body', field: 'x', message: 'is odd' },
  ]);
  const boom = await app.inject('/boom');
  assert.equal(boom.statusCode, 500);
  assert.doesNotMatch(boom.body, /secret detail/);
});
