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

type RetryOptions = NonNullable<ConstructorParameters<typeof SchemaRegistry>[0]['retry']>;
/**
 * The client retries GETs on a 5xx or a dropped connection; a fresh-clone CI run failed start-up
 * when the registry hung up on a POST. Every call but a delete is idempotent (registering a
 * schema again returns its id), so all of them retry: 5 times, 0.1 s doubling up to 5 s.
 */
const registryRetry: RetryOptions = {
  retries: 5,
  initialRetryTimeInSecs: 0.1,
  maxRetryTimeInSecs: 5,
  enableRetry: (request) => request.method() !== 'delete',
};

/** A client for the schema registry; encodes and decodes the Confluent wire format. */
export function createRegistry({
  url,
  clientId = 'fraud-pipeline',
}: RegistryClientOptions): SchemaRegistry {
  return new SchemaRegistry({
    host: url,
    clientId,
    agent,
    retry: registryRetry,
    middlewares: [requestTimeout],
  });
}
