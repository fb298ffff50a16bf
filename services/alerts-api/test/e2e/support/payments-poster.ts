import type { GeneratedPayment } from '@fraud/loadtest';
import { createLogger } from '@fraud/common';
import { buildApp, createPool, loadPaymentsApiConfig } from '@fraud/payments-api';

export interface PostedPayment {
  /** The generator's id, sent as the Idempotency-Key. */
  generatedId: string;
  /** The id payments-api gave it: what scores and alerts name. */
  paymentId: string;
  /** When payments-api answered 202 (epoch ms): the payment is committed in PostgreSQL. */
  acceptedAt: number;
}

/**
 * payments-api in this process, on the stack's database, through its real routes (Fastify
 * inject: the same validation, idempotency and SQL as over HTTP, without a port).
 */
export async function startPaymentsApi() {
  const config = loadPaymentsApiConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const logger = createLogger({ name: 'payments-api-e2e', level: config.LOG_LEVEL });
  const pool = createPool({
    databaseUrl: config.DATABASE_URL,
    size: 2,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logger,
  });
  const app = await buildApp({ config, pool, logger });
  return {
    /** Posts the payments one after the other, in order; any answer but 202 fails. */
    async post(payments: readonly GeneratedPayment[]): Promise<PostedPayment[]> {
      const posted: PostedPayment[] = [];
      for (const payment of payments) {
        const response = await app.inject({
          method: 'POST',
          url: '/payments',
          headers: { 'idempotency-key': payment.id },
          payload: payment.request,
        });
        if (response.statusCode !== 202)
          throw new Error(`POST /payments answered ${response.statusCode}: ${response.body}`);
        posted.push({
          generatedId: payment.id,
          paymentId: response.json<{ id: string }>().id,
          acceptedAt: Date.now(),
        });
      }
      return posted;
    },
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
