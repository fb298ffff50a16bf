import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { loadConfig, LogLevel, type Env } from './config.js';
import { loadStackPorts, localStackUrls } from './local-stack.js';

/** The variables every service shares; defaults point at the local stack. */
export function commonEnvSchema(env: Env = process.env) {
  const local = localStackUrls(loadStackPorts(env));
  return Type.Object({
    KAFKA_BROKERS: Type.String({
      minLength: 1,
      default: local.kafkaBrokers,
      description: 'comma-separated host:port list of Kafka bootstrap brokers',
    }),
    SCHEMA_REGISTRY_URL: Type.String({
      pattern: '^https?://',
      default: local.schemaRegistryUrl,
      description: 'Confluent-compatible schema registry API',
    }),
    DATABASE_URL: Type.String({
      pattern: '^postgres(ql)?://',
      default: local.databaseUrl,
      description: 'PostgreSQL connection string',
    }),
    CONNECT_URL: Type.String({
      pattern: '^https?://',
      default: local.connectUrl,
      description: 'Kafka Connect REST API',
    }),
    LOG_LEVEL: LogLevel,
  });
}
export type CommonConfig = Static<ReturnType<typeof commonEnvSchema>>;

/**
 * A service's whole configuration: the common variables plus its own. Call once at start-up;
 * it throws a ConfigError naming every bad variable.
 */
export function loadServiceConfig<P extends TProperties>(
  own: TObject<P>,
  env: Env = process.env,
): CommonConfig & Static<TObject<P>> {
  const properties: TProperties = { ...commonEnvSchema(env).properties, ...own.properties };
  const schema = Type.Object(properties);
  return loadConfig(schema, env) as CommonConfig & Static<TObject<P>>;
}

export const parseBrokers = (list: string): string[] =>
  list
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
