import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

export { SchemaType } from '@kafkajs/confluent-schema-registry';
export type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

export interface RegistryClientOptions {
  /** Base URL of a Confluent-compatible API, e.g. Apicurio's `/apis/ccompat/v7`. */
  url: string;
  clientId?: string;
}

/** A client for the schema registry; encodes and decodes the Confluent wire format. */
export function createRegistry({
  url,
  clientId = 'fraud-pipeline',
}: RegistryClientOptions): SchemaRegistry {
  return new SchemaRegistry({ host: url, clientId });
}
