import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_HOST } from '@fraud/common';
import { loadStackConfig, type StackConfig } from './config.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, STACK_HOST, done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/**
 * The config of a second, Kafka-only stack for a test: a scratch folder that shares the
 * resolved jars, on free ports, so a test may break or restart its broker while the shared
 * stack serves everything else. Start it with `up(config, { only: ['kafka'] })`.
 */
export async function scratchKafkaConfig(prefix: string): Promise<StackConfig> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  symlinkSync(loadStackConfig().distDir, join(dir, 'dist'));
  return loadStackConfig({
    STACK_DIR: dir,
    KAFKA_PORT: String(await freePort()),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    STACK_START_TIMEOUT_S: '60',
  });
}
