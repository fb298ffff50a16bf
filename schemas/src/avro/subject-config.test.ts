import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setSubjectCompatibility } from './subject-config.js';

test('setting a compatibility level survives a registry hanging up on the first attempts', async (t) => {
  const bodies: string[] = [];
  let requests = 0;
  const server = createServer((request, response) => {
    if (requests++ < 2) {
      request.socket.destroy();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(`${request.method} ${request.url} ${body}`);
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;

  await setSubjectCompatibility(`http://127.0.0.1:${port}`, 'probe-value', 'BACKWARD');
  assert.equal(requests, 3);
  assert.deepEqual(bodies, ['PUT /config/probe-value {"compatibility":"BACKWARD"}']);
});

test('a 409 from a concurrent first write of the level is retried', async (t) => {
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    const status = requests++ === 0 ? 409 : 200;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(
      status === 409 ? '{"message":"A rule named \'COMPATIBILITY\' already exists."}' : '{}',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;

  await setSubjectCompatibility(`http://127.0.0.1:${port}`, 'probe-value', 'BACKWARD');
  assert.equal(requests, 2);
});
