import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackConfig, readVersions } from './config.js';
import { StackError } from './errors.js';
import { isPortFree } from './ports.js';
import { status, up } from './stack.js';

test('pinned versions are read from the pom', () => {
  const versions = readVersions(loadStackConfig().pom);
  assert.match(versions.kafka, /^3\.9\.\d+$/);
  assert.match(versions.debezium, /^3\.2\.\d+\.Final$/);
  assert.match(versions.apicurio, /^3\.\d+\.\d+$/);
});

test('a port taken by another process stops `up` before anything starts', async () => {
  const squatter = createServer();
  await new Promise<void>((done) => squatter.listen(0, '127.0.0.1', done));
  const address = squatter.address();
  const port = typeof address === 'object' && address ? address.port : assert.fail('no port');
  assert.equal(await isPortFree(port), false);
  const config = loadStackConfig({
    STACK_DIR: mkdtempSync(join(tmpdir(), 'stack-port-')),
    POSTGRES_PORT: String(port),
  });
  try {
    await assert.rejects(up(config, { only: ['postgres'] }), (error: unknown) => {
      assert.ok(error instanceof StackError);
      assert.equal(error.component, 'postgres');
      assert.match(error.message, new RegExp(`port ${port} is already in use`));
      assert.match(error.hint ?? '', /POSTGRES_PORT=/);
      return true;
    });
    const [postgres] = await status(config, ['postgres']);
    assert.equal(postgres?.pid, undefined, 'nothing was started');
  } finally {
    squatter.close();
  }
});
