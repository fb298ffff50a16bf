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

/**
 * Deletes a subject with all its versions, for tests and tools cleaning up after themselves:
 * soft, then permanent (the Confluent API refuses a permanent delete first). A subject that
 * does not exist is no error.
 */
export async function deleteSubject(registryUrl: string, subject: string): Promise<void> {
  const url = `${registryUrl.replace(/\/+$/, '')}/subjects/${encodeURIComponent(subject)}`;
  for (const target of [url, `${url}?permanent=true`]) {
    const response = await fetch(target, { method: 'DELETE', signal: AbortSignal.timeout(10_000) });
    await response.text();
    if (!response.ok && response.status !== 404) {
      throw new SchemaRegistryError(`DELETE ${target} answered ${response.status}`, {
        status: response.status,
      });
    }
  }
}

const ATTEMPTS = 5;

/**
 * Both calls are idempotent, so what a retry can mend is retried, 0.1 s doubling: a dropped
 * connection (the registry hung up on a fresh-clone CI run), and Apicurio's 409 "A rule named
 * 'COMPATIBILITY' already exists" when instances starting together set a new subject's level
 * at once (the rule exists now, so the next PUT updates it). A timeout is not retried: the
 * registry is there but not answering.
 */
async function call(
  registryUrl: string,
  subject: string,
  init: RequestInit,
): Promise<Record<string, unknown> | undefined> {
  const url = `${registryUrl.replace(/\/+$/, '')}/config/${encodeURIComponent(subject)}`;
  for (let attempt = 1; ; attempt++) {
    const last = attempt === ATTEMPTS;
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
      if (timedOut || last) {
        throw new SchemaRegistryError(`${init.method} ${url} failed: ${String(cause)}`, { cause });
      }
      await backOff(attempt);
      continue;
    }
    const text = await response.text();
    if (response.status === 404 && init.method === 'GET') return undefined;
    if (response.status === 409 && !last) {
      await backOff(attempt);
      continue;
    }
    if (!response.ok) {
      throw new SchemaRegistryError(
        `${init.method} ${url} answered ${response.status}: ${text.slice(0, 500)}`,
        { status: response.status },
      );
    }
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  }
}

const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
