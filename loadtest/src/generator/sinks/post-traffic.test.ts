import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateTraffic } from '../generate-traffic.js';
import { LatencyHistogram } from './latency-histogram.js';
import { postTraffic } from './post-traffic.js';

// A stand-in for payments-api (the integration test uses the real one): remembers keys like
// the API does, refuses one card number with the API's error shape.
async function fakeApi(refuseCard: string) {
  const keys = new Map<string, string>();
  const requests: { key: string | undefined; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      requests.push({ key, body });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (req.url !== '/api/payments') return json(404, { code: 'NOT_FOUND', message: req.url });
      if ((JSON.parse(body) as { cardNumber: string }).cardNumber === refuseCard) {
        return json(422, { statusCode: 422, code: 'UNKNOWN_CARD', message: 'no such card' });
      }
      const replayed = key !== undefined && keys.has(key);
      if (key !== undefined) keys.set(key, body);
      json(202, { id: 'x', status: 'received' }, replayed ? { 'idempotent-replayed': 'true' } : {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const traffic = (count: number) =>
  [
    ...generateTraffic({
      seed: 9,
      startMs: Date.UTC(2025, 0, 6, 12),
      durationMs: 3_600_000,
      paymentsPerSecond: 5,
      fraudRate: 0.05,
    }),
  ].slice(0, count);

test('posts every payment with its id as Idempotency-Key and counts the answers', async () => {
  const payments = traffic(120);
  const refused = payments[3]?.request.cardNumber ?? '';
  const api = await fakeApi(refused);
  try {
    const progress: number[] = [];
    const first = await postTraffic({
      baseUrl: api.baseUrl,
      payments,
      ratePerSecond: 400,
      concurrency: 8,
      onProgress: (p) => progress.push(p.sent),
      progressIntervalMs: 50,
    });
    const refusedCount = payments.filter((p) => p.request.cardNumber === refused).length;
    assert.equal(first.sent, 120);
    assert.equal(first.accepted, 120 - refusedCount);
    assert.equal(first.replayed, 0);
    assert.deepEqual(first.rejections, { '422 UNKNOWN_CARD': refusedCount });
    assert.equal(first.fraudSent, payments.filter((p) => p.label.fraud).length);
    assert.ok(first.elapsedMs >= 280, `120 at 400/s took ${first.elapsedMs} ms`);
    assert.ok(progress.length > 0 && progress.every((n) => n <= 120));
    assert.deepEqual(new Set(api.requests.map((r) => r.key)), new Set(payments.map((p) => p.id)));
    assert.deepEqual(JSON.parse(api.requests[0]?.body ?? ''), payments[0]?.request);

    const again = await postTraffic({ baseUrl: api.baseUrl, payments, ratePerSecond: 2000 });
    assert.equal(again.replayed, 120 - refusedCount, 'a re-run only replays');
  } finally {
    await api.close();
  }
});

test('an abort stops sending and waits for the requests in flight', async () => {
  const api = await fakeApi('');
  try {
    const payments = traffic(1000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await postTraffic({
      baseUrl: api.baseUrl,
      payments,
      ratePerSecond: 100,
      signal: controller.signal,
    });
    assert.equal(result.aborted, true);
    assert.ok(result.sent > 10 && result.sent < 100, `${result.sent} sent`);
    assert.equal(result.accepted + result.rejected, result.sent);
    assert.equal(api.requests.length, result.sent);
  } finally {
    await api.close();
  }
});

test('an unreachable API is counted, not thrown', async () => {
  const api = await fakeApi('');
  const { baseUrl } = api;
  await api.close();
  const result = await postTraffic({ baseUrl, payments: traffic(5), ratePerSecond: 1000 });
  assert.equal(result.sent, 5);
  assert.equal(result.accepted, 0);
  assert.deepEqual(result.rejections, { 'network ECONNREFUSED': 5 });
});

test('latency percentiles come from a log histogram within 2%', () => {
  const histogram = new LatencyHistogram();
  for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);
  const { p50, p99, max } = histogram.summary();
  assert.ok(Math.abs(p50 - 500) <= 10, `p50 ${p50}`);
  assert.ok(Math.abs(p99 - 990) <= 20, `p99 ${p99}`);
  assert.equal(max, 1000);
});
