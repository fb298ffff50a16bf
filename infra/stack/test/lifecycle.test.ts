import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { down, reset, scratchKafkaConfig, status, StackError, up } from '@fraud/stack';
import { isAlive } from '../src/processes.js';

// A second, Kafka-only stack on free ports, so the shared one is untouched.
const config = await scratchKafkaConfig('stack-lifecycle');
const { dir } = config;

after(async () => {
  await down(config);
  rmSync(dir, { recursive: true, force: true });
});

const kafkaStatus = async () => (await status(config, ['kafka']))[0] ?? assert.fail('no kafka row');

test('up starts, is idempotent, and down leaves no process behind', async () => {
  const [first] = await up(config, { only: ['kafka'] });
  assert.equal(first?.healthy, true);
  assert.ok((first?.rssBytes ?? 0) > 50 * 2 ** 20, 'a JVM uses real memory');
  const [second] = await up(config, { only: ['kafka'] });
  assert.equal(second?.pid, first?.pid, 'a second up reuses the running broker');

  await down(config);
  const stopped = await kafkaStatus();
  assert.equal(stopped.pid, undefined);
  assert.equal(stopped.healthy, false);
  assert.equal(existsSync(join(dir, 'run', 'kafka.pid')), false);
  const pid = first?.pid ?? assert.fail('no pid');
  // This test process started the broker, so until Node reaps it it may linger as a zombie.
  assert.equal(isAlive(pid), false, 'the broker process is gone');
});

test('corrupted data fails with a message that names the component, its log and reset', async () => {
  writeFileSync(
    join(dir, 'data', 'kafka', 'log-dirs', 'meta.properties'),
    'cluster.id=\u0000garbage\n',
  );
  await assert.rejects(up(config, { only: ['kafka'] }), (error: unknown) => {
    assert.ok(error instanceof StackError, String(error));
    assert.equal(error.component, 'kafka');
    assert.equal(error.logFile, join(dir, 'logs', 'kafka.log'));
    assert.match(error.hint ?? '', /stack -- reset/);
    return true;
  });
  assert.equal((await kafkaStatus()).pid, undefined, 'the failed broker is not left running');

  await reset(config);
  const [fresh] = await up(config, { only: ['kafka'] });
  assert.equal(fresh?.healthy, true, 'after reset the broker starts from empty data');
});
