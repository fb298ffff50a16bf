import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRegistry, SchemaType } from './registry.js';

const schema = { type: 'record', name: 'Probe', fields: [{ name: 'id', type: 'string' }] };

/** A registry stand-in that hangs up on the first `dropFirst` POSTs, then registers as id 7. */
async function flakyRegistry(dropFirst: number) {
  const calls: string[] = [];
  let posts = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    calls.push(`${request.method} ${request.url}`);
    request.resume();
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET') return json({ compatibilityLevel: 'BACKWARD' });
    if (request.method === 'POST' && posts++ < dropFirst) return request.socket.destroy();
    return json({ id: 7 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => server.close() };
}

test('a registration the registry hangs up on is retried and gets its id', async (t) => {
  const registry = await flakyRegistry(2);
  t.after(registry.close);
  const client = createRegistry({ url: registry.url });
  const { id } = await client.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
    { subject: 'probe-value' },
  );
  assert.equal(id, 7);
  assert.deepEqual(
    registry.calls.filter((call) => call.startsWith('POST')),
    Array(3).fill('POST /subjects/probe-value/versions'),
  );
});

test('a registry that keeps hanging up fails the call after the retries', async (t) => {
  const registry = await flakyRegistry(Infinity);
  t.after(registry.close);
  const client = createRegistry({ url: registry.url });
  await assert.rejects(
    client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: 'probe-value' },
    ),
    /socket hang up/,
  );
  assert.equal(registry.calls.filter((call) => call.startsWith('POST')).length, 6);
});
