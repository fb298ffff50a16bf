import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Env } from '@fraud/common';
import { ConnectorError } from '../errors.js';

/** Kafka Connect configuration: every value a string, `name` included. */
export type ConnectorConfig = Readonly<Record<string, string>>;

export const CDC_CONNECTOR_FILE = fileURLToPath(
  new URL('../../../infra/connect/fraud-cdc.json', import.meta.url),
);

/** The publication and slot the migrations and the connector agree on. */
export const CDC_PUBLICATION = 'fraud_cdc';
export const CDC_TOPIC_PREFIX = 'pg';
export const cdcTopic = (table: 'accounts' | 'cards' | 'merchants' | 'payments') =>
  `${CDC_TOPIC_PREFIX}.public.${table}`;

/**
 * The placeholder values for this environment: database coordinates default to those of
 * DATABASE_URL (Connect runs beside the database locally), each overridable by its variable
 * when Connect sees the database under another name (compose).
 */
export function cdcConnectorValues(
  databaseUrl: string,
  env: Env = process.env,
): Record<string, string> {
  const url = new URL(databaseUrl);
  const value = (name: string, fallback: string) => env[name] || fallback;
  return {
    CDC_DATABASE_HOST: value('CDC_DATABASE_HOST', url.hostname),
    CDC_DATABASE_PORT: value('CDC_DATABASE_PORT', url.port || '5432'),
    CDC_DATABASE_NAME: value('CDC_DATABASE_NAME', decodeURIComponent(url.pathname.slice(1))),
    CDC_DATABASE_USER: value('CDC_DATABASE_USER', 'debezium'),
    CDC_DATABASE_PASSWORD: value('CDC_DATABASE_PASSWORD', 'debezium'),
    CDC_TOPIC_REPLICATION_FACTOR: value('CDC_TOPIC_REPLICATION_FACTOR', '1'),
    CDC_PAYMENTS_PARTITIONS: value('CDC_PAYMENTS_PARTITIONS', '6'),
  };
}

/** Reads the connector file and fills its `${VAR}` placeholders; a missing value is an error. */
export function renderConnectorConfig(
  values: Readonly<Record<string, string>>,
  file: string = CDC_CONNECTOR_FILE,
): ConnectorConfig {
  const template = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const name = typeof template.name === 'string' ? template.name : file;
  const config: Record<string, string> = {};
  for (const [key, raw] of Object.entries(template)) {
    if (typeof raw !== 'string') {
      throw new ConnectorError('CONNECTOR_REJECTED', name, `${key}: Connect wants string values`);
    }
    config[key] = raw.replace(/\$\{([A-Z0-9_]+)\}/g, (_, variable: string) => {
      const value = values[variable];
      if (value === undefined) {
        throw new ConnectorError(
          'CONNECTOR_REJECTED',
          name,
          `${key}: no value for \${${variable}}`,
        );
      }
      return value;
    });
  }
  return config;
}
