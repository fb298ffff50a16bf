import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/**
 * The Compose Specification's JSON schema, as Docker Compose itself validates with it: the
 * `schema/compose-spec.json` of the compose-go module, fetched through the Go module proxy at
 * a pinned version (no Docker engine or compose binary is needed) and cached under .stack/.
 */
export const COMPOSE_GO_MODULE = 'github.com/compose-spec/compose-go/v2';
export const COMPOSE_GO_VERSION = 'v2.16.2';

export function composeSpecSchemaPath(stackDir: string): string {
  const modCache = join(stackDir, 'go-mod');
  const cached = join(
    modCache,
    `${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION}`,
    'schema',
    'compose-spec.json',
  );
  if (existsSync(cached)) return cached;
  mkdirSync(modCache, { recursive: true });
  const go = spawnSync(
    'go',
    ['mod', 'download', '-json', `${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION}`],
    {
      // Outside any Go module; -modcacherw keeps the cache deletable by `stack reset`.
      cwd: stackDir,
      encoding: 'utf8',
      env: { ...process.env, GOMODCACHE: modCache, GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local' },
    },
  );
  if (go.error) {
    throw new Error(
      `the compose schema comes from a Go module and needs Go (${go.error.message}): apt-get install golang`,
    );
  }
  if (go.status !== 0) {
    throw new Error(
      `go mod download ${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION} failed:\n${go.stderr}`,
    );
  }
  const { Dir } = JSON.parse(go.stdout) as { Dir: string };
  return join(Dir, 'schema', 'compose-spec.json');
}

/** A validator of compose documents (after interpolation, as compose validates them). */
export function composeValidator(stackDir: string) {
  const schema = JSON.parse(readFileSync(composeSpecSchemaPath(stackDir), 'utf8')) as object;
  // strict: false: the schema carries annotations (deprecated, x-* docs) Ajv's strict mode rejects.
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
  return (document: unknown): string[] =>
    validate(document)
      ? []
      : (validate.errors ?? []).map(
          (e: ErrorObject) =>
            `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
}
