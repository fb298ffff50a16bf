import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import { errorHandling, observability, type Logger } from '@fraud/common';
import { alertRoutes } from './alerts/alert-routes.js';
import { authentication } from './auth/authentication.js';
import { loginRoute } from './auth/login-route.js';
import type { UserDirectory } from './auth/users.js';
import { cardFeaturesRoute } from './cards/card-features-route.js';
import type { FeatureCatalog } from './cards/feature-catalog.js';
import type { AlertsApiConfig } from './config.js';
import { databaseReady, db } from './db/db-plugin.js';
import { STATUS_BY_CODE } from './errors.js';
import { openApi } from './http/openapi.js';
import { withSafeRequestLogs } from './http/request-log.js';
import { security } from './http/security.js';
import { buildValidator } from './http/validator.js';
import type { EventHub } from './live/event-hub.js';
import { streamRoute } from './live/stream-route.js';
import { statsRoute } from './stats/stats-route.js';
import { dashboard } from './web/dashboard.js';

export interface AppOptions {
  config: Pick<
    AlertsApiConfig,
    | 'ALERTS_JWT_SECRET'
    | 'ALERTS_TOKEN_TTL_S'
    | 'BODY_LIMIT_BYTES'
    | 'DASHBOARD_DIR'
    | 'LOGIN_RATE_LIMIT_MAX'
    | 'RATE_LIMIT_MAX'
    | 'RETRY_AFTER_SECONDS'
    | 'SSE_HEARTBEAT_MS'
  >;
  /** Owned by the caller, who ends it after `app.close()`. */
  pool: pg.Pool;
  logger: Logger;
  users: UserDirectory;
  /** Broadcasts the event log to live-stream clients; started by the caller. */
  hub: EventHub;
  featureNames: FeatureCatalog;
}

/**
 * The whole HTTP service as a Fastify instance, not listening: server.ts listens, tests
 * inject. Plugins are registered explicitly, in dependency order; everything under /api but
 * the login needs a bearer token.
 */
export async function buildApp({ config, pool, logger, users, hub, featureNames }: AppOptions) {
  const app = Fastify({
    loggerInstance: withSafeRequestLogs(logger),
    bodyLimit: config.BODY_LIMIT_BYTES,
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: a text/plain body gets 415 rather than a confusing "must be object".
  app.removeContentTypeParser('text/plain');
  await app.register(errorHandling, {
    statusByCode: STATUS_BY_CODE,
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
  });
  await app.register(observability, {
    readiness: { database: databaseReady(pool) },
    defaultLabels: { service: 'alerts-api' },
  });
  await app.register(security, { rateLimitMax: config.RATE_LIMIT_MAX });
  await app.register(db, { pool });
  await app.register(openApi);
  await app.register(
    async (api) => {
      await api.register(authentication, {
        secret: config.ALERTS_JWT_SECRET,
        tokenTtlSeconds: config.ALERTS_TOKEN_TTL_S,
      });
      await api.register(loginRoute, { users, rateLimitMax: config.LOGIN_RATE_LIMIT_MAX });
      await api.register(alertRoutes);
      await api.register(streamRoute, { hub, pool, heartbeatMs: config.SSE_HEARTBEAT_MS });
      await api.register(cardFeaturesRoute, { featureNames });
      await api.register(statsRoute);
    },
    { prefix: '/api' },
  );
  await app.register(dashboard, { dir: config.DASHBOARD_DIR });
  await app.ready();
  return app;
}

/** The built app, typed with its logger and the TypeBox type provider. */
export type AlertsApp = Awaited<ReturnType<typeof buildApp>>;
