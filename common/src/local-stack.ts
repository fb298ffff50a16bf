import { Type, type Static } from '@sinclair/typebox';
import { loadConfig, Port, type Env } from './config.js';

/**
 * The ports of the local stack (`npm run stack`). Services derive their default connection
 * strings from them, so overriding one port (say KAFKA_PORT) moves the stack and its clients.
 */
export const StackPortsSchema = Type.Object({
  KAFKA_PORT: Port(19092, 'Kafka broker listener'),
  KAFKA_CONTROLLER_PORT: Port(19093, 'Kafka KRaft controller listener'),
  CONNECT_PORT: Port(18083, 'Kafka Connect REST API'),
  SCHEMA_REGISTRY_PORT: Port(18081, 'Apicurio Registry HTTP port'),
  SCHEMA_REGISTRY_MANAGEMENT_PORT: Port(
    18091,
    "Apicurio Registry's management interface (loopback)",
  ),
  POSTGRES_PORT: Port(15432, 'PostgreSQL'),
});
export type StackPorts = Static<typeof StackPortsSchema>;

export const loadStackPorts = (env: Env = process.env): StackPorts =>
  loadConfig(StackPortsSchema, env);

/** Loopback only: the stack never listens on another interface. */
export const STACK_HOST = '127.0.0.1';

/** Demo-only credentials of the local database; a real deployment passes DATABASE_URL. */
export const LOCAL_DATABASE = { name: 'fraud', user: 'fraud', password: 'fraud' } as const;

/** The Confluent-compatible API of Apicurio Registry lives under this path. */
export const REGISTRY_CCOMPAT_PATH = '/apis/ccompat/v7';

export function localStackUrls(ports: StackPorts) {
  const { name, user, password } = LOCAL_DATABASE;
  return {
    kafkaBrokers: `${STACK_HOST}:${ports.KAFKA_PORT}`,
    schemaRegistryUrl: `http://${STACK_HOST}:${ports.SCHEMA_REGISTRY_PORT}${REGISTRY_CCOMPAT_PATH}`,
    databaseUrl: `postgres://${user}:${password}@${STACK_HOST}:${ports.POSTGRES_PORT}/${name}`,
    connectUrl: `http://${STACK_HOST}:${ports.CONNECT_PORT}`,
  };
}
