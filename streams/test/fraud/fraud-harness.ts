import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import { createLogger, type Logger } from '@fraud/common';
import type { GeneratedPayment } from '@fraud/loadtest';
import { buildApp, loadPaymentsApiConfig } from '@fraud/payments-api';
import { deleteSubject } from '@fraud/schemas';
import { loadFraudAppConfig, type FraudAppConfig } from '../../src/fraud/app/config.js';
import { startFraudApp, type FraudApp } from '../../src/fraud/app/fraud-app.js';

export const SHIPPED_MODEL = fileURLToPath(new URL('../../../ml/model', import.meta.url));

/** A private copy of the shipped model, so a test can hot-swap files without touching it. */
export function copyOfShippedModel(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fraud-model-'));
  cpSync(SHIPPED_MODEL, dir, { recursive: true });
  return dir;
}

/** A port the system says is free now (the config wants a real port, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The fraud app on the local stack with its own application id, topics and state. */
export async function fraudConfig(
  suffix: string,
  overrides: Record<string, string> = {},
): Promise<FraudAppConfig> {
  return loadFraudAppConfig({
    ...process.env,
    PORT: String(await freePort()),
    APPLICATION_ID: `fraud-it-${suffix}`,
    STATE_DIR: mkdtempSync(join(tmpdir(), 'fraud-state-')),
    SCORED_TOPIC: `payments.scored.it-${suffix}`,
    ALERTS_TOPIC: `fraud.alerts.it-${suffix}`,
    DLQ_TOPIC: `payments.dlq.it-${suffix}`,
    MAX_BYTES_PER_PARTITION: '65536',
    ...overrides,
  });
}

export async function startFraud(config: FraudAppConfig, logger: Logger): Promise<FraudApp> {
  return startFraudApp(config, logger);
}

/**
 * Removes what a run of the app left on the shared stack: its output and changelog topics, its
 * consumer group, its registry subjects and its state directory (a long-lived development
 * stack gathered four topics and two subjects a run).
 */
export async function removeFraudRun(kafka: Kafka, config: FraudAppConfig): Promise<void> {
  const outputs = [config.SCORED_TOPIC, config.ALERTS_TOPIC, config.DLQ_TOPIC];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter(
      (t) => outputs.includes(t) || t.startsWith(`${config.APPLICATION_ID}-`),
    );
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.deleteGroups([config.APPLICATION_ID]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
  for (const topic of [config.SCORED_TOPIC, config.ALERTS_TOPIC])
    await deleteSubject(config.SCHEMA_REGISTRY_URL, `${topic}-value`);
  rmSync(config.STATE_DIR, { recursive: true, force: true });
}

/** payments-api in-process on the stack's database: tests post through its real routes. */
export async function paymentsApi() {
  const config = loadPaymentsApiConfig();
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
  const logger = createLogger({ name: 'payments-api-it', level: 'warn' });
  const app = await buildApp({ config, pool, logger });
  return {
    /** Posts generated payments in order; returns their payment ids, by generated id. */
    async post(payments: readonly GeneratedPayment[]): Promise<Map<string, string>> {
      const ids = new Map<string, string>();
      for (const p of payments) {
        const res = await app.inject({
          method: 'POST',
          url: '/payments',
          headers: { 'idempotency-key': p.id },
          payload: p.request,
        });
        if (res.statusCode !== 202)
          throw new Error(`POST /payments ${res.statusCode}: ${res.body}`);
        ids.set(p.id, (res.json() as { id: string }).id);
      }
      return ids;
    },
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
