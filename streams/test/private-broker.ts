import { rmSync } from 'node:fs';
import { STACK_HOST } from '@fraud/common';
import { down, scratchKafkaConfig, up } from '@fraud/stack';

/**
 * A Kafka-only stack of the test's own (`scratchKafkaConfig`), so a test may restart its
 * broker without touching the shared stack other work uses.
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

export async function startPrivateBroker(prefix: string): Promise<PrivateBroker> {
  const config = await scratchKafkaConfig(prefix);
  const { dir } = config;
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
