import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { loadServiceConfig, Port, type CommonConfig, type Env } from '@fraud/common';
import { TOPICS } from '@fraud/schemas';

/** Demo users; a real deployment sets ALERTS_USERS (or replaces login with an identity provider). */
export const DEMO_USERS = 'analyst:analyst-pass:analyst,viewer:viewer-pass:viewer';
/** Demo signing key; server.ts warns when it is in use. */
export const DEMO_JWT_SECRET = 'local-demo-alerts-jwt-secret-not-secret';

const Topic = (fallback: string, description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9._-]{1,249}$', default: fallback, description });

/** alerts-api's own variables; the common ones (DATABASE_URL, KAFKA_BROKERS, ...) come too. */
export const AlertsApiEnv = Type.Object({
  PORT: Port(8081, 'HTTP port of alerts-api and the dashboard'),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'interface to listen on (0.0.0.0 in a container)',
  }),
  ALERTS_DB_SCHEMA: Type.String({
    pattern: '^[a-z_][a-z0-9_]{0,62}$',
    default: 'alerts',
    description:
      'PostgreSQL schema of the read model and its migration history (payment_scores stays in public)',
  }),
  ALERTS_TOPIC: Topic(TOPICS.alerts, 'FraudAlert records to store'),
  SCORED_TOPIC: Topic(TOPICS.scored, 'ScoredPayment records to store'),
  LABELS_TOPIC: Topic(TOPICS.labels, 'where analyst decisions are published as FraudLabel'),
  DLQ_TOPIC: Topic(TOPICS.dlq, 'where undecodable or invalid records go, with the reason'),
  CONSUMER_GROUP: Type.String({
    minLength: 1,
    default: 'alerts-api',
    description: 'Kafka consumer group (offsets of record are kept in PostgreSQL, not here)',
  }),
  CONSUME: Type.Boolean({
    default: true,
    description: 'run the topic consumers and the label publisher in this process',
  }),
  RECENT_PAYMENTS_RETENTION_HOURS: Type.Integer({
    minimum: 1,
    default: 168,
    description: 'scored payments (for card history and stats) are kept this long after arrival',
  }),
  EVENT_RETENTION_HOURS: Type.Integer({
    minimum: 1,
    default: 168,
    description: 'live-stream events are replayable (Last-Event-ID) this long',
  }),
  ALERTS_USERS: Type.String({
    pattern: '^[^:,]+:[^:,]+:(analyst|viewer)(,[^:,]+:[^:,]+:(analyst|viewer))*$',
    default: DEMO_USERS,
    description: 'user:password:role list (roles analyst, viewer); the default is for the demo',
  }),
  ALERTS_JWT_SECRET: Type.String({
    minLength: 32,
    default: DEMO_JWT_SECRET,
    description: 'HS256 key of the bearer tokens; the default is for the demo and logs a warning',
  }),
  ALERTS_TOKEN_TTL_S: Type.Integer({
    minimum: 60,
    maximum: 7 * 24 * 3600,
    default: 8 * 3600,
    description: 'lifetime of a login token',
  }),
  RATE_LIMIT_MAX: Type.Integer({
    minimum: 1,
    default: 1200,
    description: 'requests per minute per client address',
  }),
  LOGIN_RATE_LIMIT_MAX: Type.Integer({
    minimum: 1,
    default: 20,
    description: 'login attempts per minute per client address',
  }),
  SSE_HEARTBEAT_MS: Type.Integer({
    minimum: 1000,
    default: 15_000,
    description: 'interval of keep-alive comments on the live stream',
  }),
  DASHBOARD_DIR: Type.String({
    minLength: 1,
    default: fileURLToPath(new URL('../dashboard/dist', import.meta.url)),
    description: 'built dashboard served at /; when missing, / says how to build it',
  }),
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    default: 16_384,
    description: 'largest accepted request body; larger ones get 413',
  }),
  DATABASE_POOL_SIZE: Type.Integer({
    minimum: 2,
    maximum: 100,
    default: 10,
    description: 'PostgreSQL connections for requests and consumers (LISTEN uses one more)',
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 5000,
    description: 'a statement running longer is cancelled (503 for a request)',
  }),
  RETRY_AFTER_SECONDS: Type.Integer({
    minimum: 1,
    default: 2,
    description: 'Retry-After sent with 503 answers while a dependency is unavailable',
  }),
  MIGRATE_ON_START: Type.Boolean({
    default: true,
    description: 'apply pending SQL migrations of the alerts schema before listening',
  }),
});

export type AlertsApiConfig = CommonConfig & Static<typeof AlertsApiEnv>;

export const loadAlertsApiConfig = (env: Env = process.env): AlertsApiConfig =>
  loadServiceConfig(AlertsApiEnv, env);
