import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedCardNumber, seedId } from '@fraud/schemas';
import { startTestApp } from './support/test-app.js';

// Whatever a client sends, the answer is a 4xx (or a 2xx for a valid payment), never a 5xx:
// a table of hand-picked shapes, then seeded random mutations of a valid payment.
let t: Awaited<ReturnType<typeof startTestApp>>;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const valid = {
  cardNumber: seedCardNumber(3),
  merchantId: seedId('merchant', 9),
  amountMinor: 1999,
  currency: 'USD',
  channel: 'online',
  country: 'US',
};

const RAW: readonly string[] = [
  '',
  ' ',
  'null',
  'true',
  '42',
  '"text"',
  '[]',
  '[{}]',
  '{}',
  '{',
  '{"a":}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  JSON.stringify({ ...valid, amountMinor: -5 }),
  JSON.stringify({ ...valid, amountMinor: 0 }),
  JSON.stringify({ ...valid, amountMinor: 1.5 }),
  JSON.stringify({ ...valid, amountMinor: 1e300 }),
  JSON.stringify({ ...valid, amountMinor: '100' }),
  JSON.stringify({ ...valid, amountMinor: null }),
  JSON.stringify({ ...valid, cardNumber: 4111111111111111 }),
  JSON.stringify({ ...valid, cardNumber: '4111 1111 1111 1111' }),
  JSON.stringify({ ...valid, cardNumber: '4'.repeat(25) }),
  JSON.stringify({ ...valid, cardNumber: '٤١١١١١١١١١١١١١١١' }),
  JSON.stringify({ ...valid, merchantId: "'; DROP TABLE payments; --" }),
  JSON.stringify({ ...valid, merchantId: '00000000-0000-0000-0000-000000000000' }),
  JSON.stringify({ ...valid, currency: 'usd' }),
  JSON.stringify({ ...valid, currency: 'ZZZ' }),
  JSON.stringify({ ...valid, channel: ['online'] }),
  JSON.stringify({ ...valid, country: 'USA' }),
  JSON.stringify({ ...valid, geo: { lat: 'north', lon: 0 } }),
  JSON.stringify({ ...valid, geo: { lat: 0 } }),
  JSON.stringify({ ...valid, geo: [1, 2] }),
  JSON.stringify({ ...valid, ipAddress: '1.2.3' }),
  JSON.stringify({ ...valid, ipAddress: '::ffff:999.1.1.1' }),
  JSON.stringify({ ...valid, deviceFingerprint: '' }),
  JSON.stringify({ ...valid, deviceFingerprint: 'x'.repeat(129) }),
  JSON.stringify({ ...valid, deviceFingerprint: '\u0000\ud800' }),
  `{"cardNumber":"${valid.cardNumber}","cardNumber":"1"}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  JSON.stringify({ nested: JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) as unknown }),
];

const post = (
  payload: string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: '/payments',
    payload,
    headers: { 'content-type': contentType, ...headers },
  });

test('hand-picked malformed bodies, content types and headers get 4xx', async () => {
  const cases: { name: string; run: () => ReturnType<typeof post> }[] = [
    ...RAW.map((raw) => ({ name: raw.slice(0, 60), run: () => post(raw) })),
    {
      name: 'NUL in an account name',
      run: () =>
        t.app.inject({
          method: 'POST',
          url: '/accounts',
          payload: { holderName: 'a\u0000b', country: 'GB' },
        }),
    },
    { name: 'form encoded', run: () => post('a=1', 'application/x-www-form-urlencoded') },
    { name: 'xml', run: () => post('<a/>', 'application/xml') },
    {
      name: 'json with charset',
      run: () =>
        post(JSON.stringify({ ...valid, amountMinor: -1 }), 'application/json; charset=utf-16'),
    },
    { name: 'oversized', run: () => post(JSON.stringify({ ...valid, pad: 'x'.repeat(100_000) })) },
    {
      name: 'bad idempotency key',
      run: () =>
        post(JSON.stringify(valid), 'application/json', {
          'idempotency-key': 'spaces are not allowed',
        }),
    },
    {
      name: 'long idempotency key',
      run: () =>
        post(JSON.stringify(valid), 'application/json', { 'idempotency-key': 'k'.repeat(300) }),
    },
  ];
  for (const c of cases) {
    const res = await c.run();
    assert.ok(
      res.statusCode >= 400 && res.statusCode < 500,
      `${c.name} → ${res.statusCode} ${res.body}`,
    );
    assert.ok(res.json<{ code: string }>().code, `${c.name}: structured error`);
  }
});

// mulberry32, so a failure names a seed that reproduces it.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), s | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  0.1,
  '',
  ' ',
  'x',
  '0',
  'NaN',
  '9'.repeat(19),
  'é',
  '\u202e',
  [],
  [1],
  {},
  { a: 1 },
  'ZZ',
  'zz',
  'card_present',
];

test('300 random mutations of a valid payment never get a 5xx', async () => {
  const random = prng(20_261_123);
  const keys = [...Object.keys(valid), 'geo', 'ipAddress', 'deviceFingerprint', 'extra'];
  for (let i = 0; i < 300; i++) {
    let body: Record<string, unknown> = { ...valid };
    const mutations = 1 + Math.floor(random() * 3);
    for (let m = 0; m < mutations; m++) {
      const key = keys[Math.floor(random() * keys.length)] ?? 'extra';
      if (random() < 0.2)
        body = Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
      else body[key] = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
    }
    const res = await post(JSON.stringify(body));
    assert.ok(
      res.statusCode < 500,
      `case ${i}: ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`,
    );
  }
});
