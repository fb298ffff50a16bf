import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_HOST } from '@fraud/common';
import { down, loadStackConfig, up } from '@fraud/stack';

/**
 * A Kafka-only stack of the test's own (as infra/stack's lifecycle test runs one): a scratch
 * folder sharing the real jars, free ports, so a test may restart its broker without touching
 * the shared stack other work uses.
 */
export interface PrivateBroker {
  /** `host:port`, for KAFKA_BROKERS. */
  readonly brokers: string;
  /** Its STACK_DIR: data, logs and pid file. */
  readonly dir: string;
  /** Stops the broker (SIGTERM, controlled shutdown) and starts it again on the same data. */
  restart(): Promise<void>;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

export async function startPrivateBroker(prefix: string): Promise<PrivateBroker> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  symlinkSync(loadStackConfig().distDir, join(dir, 'dist'));
  const config = loadStackConfig({
    STACK_DIR: dir,
    KAFKA_PORT: String(await freePort()),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    STACK_START_TIMEOUT_S: '60',
  });
  const start = async () => {
    const [kafka] = await up(config, { only: ['kafka'] });
    if (!kafka?.healthy) throw new Error(`the private broker did not start; see ${dir}/logs`);
  };
  try {
    await start();
  } catch (error) {
    await down(config);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers: `${STACK_HOST}:${config.ports.KAFKA_PORT}`,
    dir,
    restart: async () => {
      await down(config);
      await start();
    },
    stop: async () => {
      await down(config);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
