import { Type, type Static } from '@sinclair/typebox';
import { loadServiceConfig, Port, type CommonConfig, type Env } from '@fraud/common';
import { PanTokenKey } from '@fraud/schemas';

/** payments-api's own variables; the common ones (DATABASE_URL, LOG_LEVEL, ...) come too. */
export const PaymentsApiEnv = Type.Object({
  PORT: Port(8080, 'HTTP port of payments-api'),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'interface to listen on (0.0.0.0 in a container)',
  }),
  PAN_TOKEN_KEY: PanTokenKey,
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    default: 16_384,
    description: 'largest accepted request body; larger ones get 413',
  }),
  DATABASE_POOL_SIZE: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 8,
    description:
      'PostgreSQL connections held by this instance; more than ~4 per database core only adds contention',
  }),
  INSERT_BATCH_MAX: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 64,
    description: 'most payments written by one INSERT (group commit under load)',
  }),
  INSERT_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 2,
    description:
      'payment INSERTs in flight at once; payments arriving meanwhile share the next one',
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 5000,
    description: 'a statement running longer is cancelled and the request answered 503',
  }),
  RETRY_AFTER_SECONDS: Type.Integer({
    minimum: 1,
    default: 2,
    description: 'Retry-After sent with 503 answers while the database is unavailable',
  }),
  MIGRATE_ON_START: Type.Boolean({
    default: true,
    description: 'apply pending SQL migrations before listening',
  }),
});

export type PaymentsApiConfig = CommonConfig & Static<typeof PaymentsApiEnv>;

export const loadPaymentsApiConfig = (env: Env = process.env): PaymentsApiConfig =>
  loadServiceConfig(PaymentsApiEnv, env);
