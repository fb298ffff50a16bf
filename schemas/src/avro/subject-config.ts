import { SchemaRegistryError } from './errors.js';

export type CompatibilityLevel =
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE'
  | 'NONE';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * `PUT /config/{subject}`: the registry client has no public call for it. Apicurio 3.x stores it
 * as the artifact's COMPATIBILITY rule and accepts it before the subject's first version
 * (Apicurio PR #2386), as Confluent does; test/avro-registry.test.ts checks that it is enforced.
 */
export async function setSubjectCompatibility(
  registryUrl: string,
  subject: string,
  level: CompatibilityLevel,
): Promise<void> {
  await call(registryUrl, subject, {
    method: 'PUT',
    headers: { 'content-type': CONTENT_TYPE },
    body: JSON.stringify({ compatibility: level }),
  });
}

/** `GET /config/{subject}`; undefined when the subject has no level of its own. */
export async function getSubjectCompatibility(
  registryUrl: string,
  subject: string,
): Promise<string | undefined> {
  const body = await call(registryUrl, subject, { method: 'GET' });
  if (body === undefined) return undefined;
  // Confluent answers `compatibilityLevel`; older Apicurio versions answered `compatibility`.
  const level = body.compatibilityLevel ?? body.compatibility;
  return typeof level === 'string' ? level : undefined;
}

async function call(
  registryUrl: string,
  subject: string,
  init: RequestInit,
): Promise<Record<string, unknown> | undefined> {
  const url = `${registryUrl.replace(/\/+$/, '')}/config/${encodeURIComponent(subject)}`;
  const response = await fetchRetrying(url, init);
  const text = await response.text();
  if (response.status === 404 && init.method === 'GET') return undefined;
  if (!response.ok) {
    throw new SchemaRegistryError(
      `${init.method} ${url} answered ${response.status}: ${text.slice(0, 500)}`,
      { status: response.status },
    );
  }
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

const ATTEMPTS = 5;

/**
 * Both calls are idempotent, so a dropped connection (the registry hung up on a fresh-clone CI
 * run) is retried, 0.1 s doubling; a timeout is not: the registry is there but not answering.
 */
async function fetchRetrying(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
      if (timedOut || attempt === ATTEMPTS) {
        throw new SchemaRegistryError(`${init.method} ${url} failed: ${String(cause)}`, { cause });
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }
}
