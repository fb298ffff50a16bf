import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { ANALYST, client, insertAlerts, VIEWER } from './support/api-client.js';
import { testAlert } from './support/records.js';
import { createTestWorld, type TestWorld } from './support/test-service.js';

// Authentication, roles, rate limits, headers, and what malformed input gets: always a
// structured 4xx naming the problem, never a 5xx, a stack trace or SQL.
let w: TestWorld;
const alert = testAlert();

before(async () => {
  w = await createTestWorld({ CONSUME: false, LOGIN_RATE_LIMIT_MAX: 5 });
  await insertAlerts(w.db, [alert]);
});
after(async () => w?.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(payload: object, secret: string, alg = 'HS256'): string {
  const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

const PROTECTED: [string, string][] = [
  ['GET', '/api/alerts'],
  ['GET', `/api/alerts/${alert.alertId}`],
  ['POST', `/api/alerts/${alert.alertId}/acknowledge`],
  ['POST', `/api/alerts/${alert.alertId}/assign`],
  ['POST', `/api/alerts/${alert.alertId}/resolve`],
  ['GET', '/api/alerts/stream'],
  ['GET', `/api/cards/${alert.cardId}/features`],
  ['GET', '/api/stats'],
];

test('every API route but login needs a valid token', async () => {
  const secret = w.config.ALERTS_JWT_SECRET;
  const bad = {
    none: undefined,
    garbage: 'Bearer not.a.token',
    'wrong scheme': `Basic ${Buffer.from('analyst:analyst-pass').toString('base64')}`,
    'other key': `Bearer ${jwt({ sub: 'analyst', role: 'analyst', exp: now() + 60 }, 'x'.repeat(40))}`,
    'alg none': `Bearer ${jwt({ sub: 'analyst', role: 'analyst', exp: now() + 60 }, secret, 'none')}`,
    expired: `Bearer ${jwt({ sub: 'analyst', role: 'analyst', exp: now() - 10 }, secret)}`,
    'unknown role': `Bearer ${jwt({ sub: 'mallory', role: 'admin', exp: now() + 60 }, secret)}`,
  };
  for (const [method, url] of PROTECTED) {
    for (const [name, authorization] of Object.entries(bad)) {
      const response = await w.service.app.inject({
        method: method as 'GET' | 'POST',
        url,
        headers: authorization === undefined ? {} : { authorization },
      });
      assert.equal(response.statusCode, 401, `${method} ${url} with ${name}: ${response.body}`);
      assert.equal(response.json<{ code: string }>().code, 'UNAUTHENTICATED');
      assert.equal(response.headers['www-authenticate'], 'Bearer');
    }
  }
  const valid = `Bearer ${jwt({ sub: 'analyst', role: 'analyst', exp: now() + 60 }, secret)}`;
  const ok = await w.service.app.inject({ url: '/api/alerts', headers: { authorization: valid } });
  assert.equal(ok.statusCode, 200);
  for (const url of ['/healthz', '/readyz', '/metrics', '/docs', '/openapi.json', '/']) {
    const open = await w.service.app.inject({ url });
    assert.ok(open.statusCode < 400, `${url} is public: ${open.statusCode}`);
  }
});

test('login: tokens for the configured users, 401 otherwise, rate-limited', async () => {
  const answer = await w.service.app.inject({ method: 'POST', url: '/api/login', payload: VIEWER });
  assert.equal(answer.statusCode, 200);
  const body = answer.json<{ token: string; role: string; expiresAt: string }>();
  assert.equal(body.role, 'viewer');
  assert.ok(Date.parse(body.expiresAt) > Date.now() + 3_600_000);
  for (const payload of [
    { username: 'analyst', password: 'wrong' },
    { username: 'nobody', password: 'analyst-pass' },
  ]) {
    const refused = await w.service.app.inject({ method: 'POST', url: '/api/login', payload });
    assert.equal(refused.statusCode, 401);
    assert.deepEqual(refused.json(), {
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'unknown user or wrong password',
    });
  }
  // Five attempts a minute from one address (this world's LOGIN_RATE_LIMIT_MAX): three used.
  let limited;
  for (let i = 0; i < 5 && !limited; i++) {
    const attempt = await w.service.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: ANALYST,
    });
    if (attempt.statusCode === 429) limited = attempt;
  }
  assert.ok(limited, 'the sixth attempt within a minute is refused');
  assert.equal(limited.json<{ code: string }>().code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers['retry-after']) > 0);
});

test('security headers on the API and the pages; no CORS', async () => {
  const token = await loginAs();
  const response = await client(w.service.app, token).get('/api/alerts');
  const page = await w.service.app.inject({
    url: '/',
    headers: { origin: 'https://evil.example' },
  });
  for (const r of [response, page]) {
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['access-control-allow-origin'], undefined);
  }
  assert.match(page.body, /dashboard is not built/);
  assert.match(String(page.headers['content-type']), /text\/html/);
});

// The login limiter above has spent this address's attempts: sign a token directly instead.
async function loginAs(): Promise<string> {
  return jwt({ sub: 'analyst', role: 'analyst', exp: now() + 600 }, w.config.ALERTS_JWT_SECRET);
}

test('malformed input gets a structured 4xx naming the field, never a 5xx', async () => {
  const api = client(w.service.app, await loginAs());
  const id = alert.alertId;
  const queries = [
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=abc', 'limit'],
    ['minScore=2', 'minScore'],
    ['minScore=-0.1', 'minScore'],
    ['maxScore=abc', 'maxScore'],
    ['minScore=0.9&maxScore=0.1', 'minScore'],
    ['status=bogus', 'status'],
    ['status=open,,resolved', 'status'],
    ['status=OPEN', 'status'],
    ['from=yesterday', 'from'],
    ['to=2026-13-01T00:00:00Z', 'to'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
    ['cardId=123', 'cardId'],
    [`merchantId=${encodeURIComponent("'; DROP TABLE alerts; --")}`, 'merchantId'],
    ['cursor=!!!', 'cursor'],
    [`cursor=${b64([1, 'x', 'y'])}`, 'cursor'],
    [`cursor=${b64({ a: 1 })}`, 'cursor'],
    ['unknown=1', 'unknown'],
  ] as const;
  for (const [query, field] of queries) {
    const response = await api.get(`/api/alerts?${query}`);
    assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
    const body = response.json<{ code: string; fields?: { field: string }[] }>();
    assert.equal(body.code, 'VALIDATION_FAILED', query);
    assert.ok(
      body.fields?.some((f) => f.field === field),
      `${query} names ${field}: ${response.body}`,
    );
  }

  const bodies: [string, string | undefined, string, number][] = [
    ['assign', undefined, 'application/json', 400],
    ['assign', '', 'application/json', 400],
    ['assign', '{}', 'application/json', 400],
    ['assign', '{"assignee":""}', 'application/json', 400],
    ['assign', '{"assignee":42}', 'application/json', 400],
    ['assign', JSON.stringify({ assignee: 'x'.repeat(200) }), 'application/json', 400],
    ['assign', '{"assignee":"ann","extra":1}', 'application/json', 400],
    ['assign', '{"assignee":"a\\u0000b"}', 'application/json', 400],
    ['assign', '[]', 'application/json', 400],
    ['assign', 'null', 'application/json', 400],
    ['assign', '{', 'application/json', 400],
    ['assign', '{"__proto__":{"x":1}}', 'application/json', 400],
    ['assign', 'assignee=ann', 'application/x-www-form-urlencoded', 415],
    ['assign', 'ann', 'text/plain', 415],
    [
      'assign',
      JSON.stringify({ assignee: 'a', comment: 'x'.repeat(20_000) }),
      'application/json',
      413,
    ],
    ['resolve', '{"resolution":"maybe"}', 'application/json', 400],
    ['resolve', '{"resolution":"confirmed_fraud","comment":5}', 'application/json', 400],
    ['resolve', '{"comment":"no resolution"}', 'application/json', 400],
    ['acknowledge', '{"comment":""}', 'application/json', 400],
    ['acknowledge', '"text"', 'application/json', 400],
  ];
  for (const [action, payload, type, status] of bodies) {
    const response = await w.service.app.inject({
      method: 'POST',
      url: `/api/alerts/${id}/${action}`,
      headers: { authorization: `Bearer ${await loginAs()}`, 'content-type': type },
      ...(payload === undefined ? {} : { payload }),
    });
    assert.equal(
      response.statusCode,
      status,
      `${action} ${payload?.slice(0, 60)}: ${response.body}`,
    );
    assert.ok(response.json<{ code: string }>().code, response.body);
  }

  const paths = [
    '/api/alerts/not-a-uuid',
    `/api/alerts/${id.toUpperCase()}x`,
    '/api/cards/123/features',
    '/api/alerts/%00',
  ];
  for (const path of paths) {
    const response = await api.get(path);
    assert.equal(response.statusCode, 400, `${path}: ${response.body}`);
  }
  const stream = await w.service.app.inject({
    url: '/api/alerts/stream?lastEventId=-1',
    headers: { authorization: `Bearer ${await loginAs()}` },
  });
  assert.equal(stream.statusCode, 400, stream.body);
  const badHeader = await w.service.app.inject({
    url: '/api/alerts/stream',
    headers: { authorization: `Bearer ${await loginAs()}`, 'last-event-id': 'abc' },
  });
  assert.equal(badHeader.statusCode, 400, badHeader.body);

  // Nothing above changed the alert, and no answer leaked internals.
  const after = (await api.get(`/api/alerts/${id}`)).json<{ status: string; audit: unknown[] }>();
  assert.equal(after.status, 'open');
  assert.deepEqual(after.audit, []);
  const leaks = w.logLines.filter((line) => /"statusCode":5\d\d/.test(line));
  assert.deepEqual(leaks, [], 'no 5xx answered');
});

test('an unknown route is a 404 in the same error shape', async () => {
  const response = await client(w.service.app, await loginAs()).get(`/api/nothing/${randomUUID()}`);
  assert.equal(response.statusCode, 404);
  assert.equal(response.json<{ code: string }>().code, 'NOT_FOUND');
});
