import { Agent } from 'node:http';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

export { SchemaType } from '@kafkajs/confluent-schema-registry';
export type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

export interface RegistryClientOptions {
  /** Base URL of a Confluent-compatible API, e.g. Apicurio's `/apis/ccompat/v7`. */
  url: string;
  clientId?: string;
}

// Registry calls are rare (start-up, first sight of a schema id), so a fresh connection each
// time costs nothing, while a kept-alive socket the server has dropped can leave a request
// unanswered: a fresh-clone CI run hung on one. A timeout bounds whatever else goes wrong.
const agent = new Agent({ keepAlive: false });
const REQUEST_TIMEOUT_MS = 15_000;
type Middleware = NonNullable<
  ConstructorParameters<typeof SchemaRegistry>[0]['middlewares']
>[number];
const requestTimeout: Middleware = () => ({
  request: (request) => request.enhance({ timeout: REQUEST_TIMEOUT_MS }),
});

/** A client for the schema registry; encodes and decodes the Confluent wire format. */
export function createRegistry({
  url,
  clientId = 'fraud-pipeline',
}: RegistryClientOptions): SchemaRegistry {
  return new SchemaRegistry({
    host: url,
    clientId,
    agent,
    middlewares: [requestTimeout],
  });
}
