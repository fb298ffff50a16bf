import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import { errorHandling, observability, type Logger } from '@fraud/common';
import type { PaymentsApiConfig } from './config.js';
import { databaseReady, db } from './db/db-plugin.js';
import { STATUS_BY_CODE } from './errors.js';
import { openApi } from './openapi.js';
import { paymentRoutes } from './payments/payment-routes.js';
import { referenceRoutes } from './reference/reference-routes.js';

export interface AppOptions {
  config: Pick<
    PaymentsApiConfig,
    | 'PAN_TOKEN_KEY'
    | 'BODY_LIMIT_BYTES'
    | 'RETRY_AFTER_SECONDS'
    | 'INSERT_BATCH_MAX'
    | 'INSERT_CONCURRENCY'
  >;
  /** Owned by the caller, who ends it after `app.close()`. */
  pool: pg.Pool;
  logger: Logger;
}

/**
 * The whole service as a Fastify instance, not listening: server.ts listens, tests inject.
 * Plugins are registered explicitly, in dependency order.
 */
export async function buildApp({ config, pool, logger }: AppOptions) {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    ajv: {
      customOptions: {
        // Report every offending field, not just the first one.
        allErrors: true,
        // A payment amount sent as "100" or a missing field is an error, never coerced or
        // silently dropped; unknown fields are refused by additionalProperties: false.
        coerceTypes: false,
        removeAdditional: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: a text/plain body gets 415 rather than a confusing "must be object".
  app.removeContentTypeParser('text/plain');
  await app.register(errorHandling, {
    statusByCode: STATUS_BY_CODE,
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
  });
  await app.register(observability, {
    readiness: { database: databaseReady(pool) },
    defaultLabels: { service: 'payments-api' },
  });
  await app.register(db, { pool });
  await app.register(openApi);
  await app.register(paymentRoutes, {
    panTokenKey: config.PAN_TOKEN_KEY,
    insertBatchMax: config.INSERT_BATCH_MAX,
    insertConcurrency: config.INSERT_CONCURRENCY,
  });
  await app.register(referenceRoutes, { panTokenKey: config.PAN_TOKEN_KEY });
  await app.ready();
  return app;
}

/** The built app, typed with its logger and the TypeBox type provider. */
export type PaymentsApp = Awaited<ReturnType<typeof buildApp>>;
