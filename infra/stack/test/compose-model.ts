import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml read the way Docker Compose reads it: YAML with merge keys, `${VAR}`
 * interpolation (`:-`, `-`, `:?`, `?`, `:+`, `+`, `$$`) from an environment such as an
 * `--env-file`, then profiles. Only what the compose tests need, typed.
 */
export interface DependsOn {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required?: boolean;
}

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, DependsOn>;
  healthcheck?: { test: string[] };
  profiles?: string[];
  restart?: string;
}

export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export type Variables = Readonly<Record<string, string>>;

const VARIABLE =
  /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function interpolate(text: string, variables: Variables): string {
  return text.replace(
    VARIABLE,
    (whole, braced?: string, operator?: string, argument?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const value = variables[name];
      const set = value !== undefined;
      const nonEmpty = set && value !== '';
      switch (operator) {
        case ':-':
          return nonEmpty ? value : (argument ?? '');
        case '-':
          return set ? value : (argument ?? '');
        case ':?':
        case '?':
          if (operator === ':?' ? nonEmpty : set) return value ?? '';
          throw new Error(`required variable ${name} is missing: ${argument ?? ''}`);
        case ':+':
          return nonEmpty ? (argument ?? '') : '';
        case '+':
          return set ? (argument ?? '') : '';
        default:
          return value ?? '';
      }
    },
  );
}

function interpolateAll(node: unknown, variables: Variables): unknown {
  if (typeof node === 'string') return interpolate(node, variables);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, variables));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateAll(value, variables)]),
    );
  }
  return node;
}

/** A dotenv file as compose reads `--env-file`: KEY=VALUE lines, `#` comments. */
export function readEnvFile(path: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined && !line.trimStart().startsWith('#')) {
      variables[match[1]] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return variables;
}

/** The compose document after interpolation: what the JSON schema is checked against. */
export function readComposeDocument(root: string, variables: Variables = {}): unknown {
  const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  return interpolateAll(parse(text, { merge: true }), variables);
}

/**
 * The services compose runs with these profiles active (COMPOSE_PROFILES when none given),
 * with optional dependencies on disabled services dropped, as compose drops them.
 */
export function activeServices(
  file: ComposeFile,
  profiles: readonly string[],
): Record<string, ComposeService> {
  const enabled = Object.entries(file.services).filter(
    ([, s]) => !s.profiles || s.profiles.some((p) => profiles.includes(p)),
  );
  const names = new Set(enabled.map(([name]) => name));
  return Object.fromEntries(
    enabled.map(([name, s]) => {
      const dependsOn = Object.entries(s.depends_on ?? {}).filter(
        ([target, dep]) => names.has(target) || dep.required !== false,
      );
      return [name, { ...s, depends_on: Object.fromEntries(dependsOn) }];
    }),
  );
}

export const profilesOf = (variables: Variables): string[] =>
  (variables.COMPOSE_PROFILES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

/** A service's environment as strings, the way the container sees it. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

/** Short-syntax ports `IP:HOST:CONTAINER`; anything else is reported as unparsable. */
export function publishedPorts(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((spec) => {
    const match = /^(\d+\.\d+\.\d+\.\d+):(\d+):(\d+)$/.exec(spec);
    if (!match) throw new Error(`port ${spec}: expected IP:HOST:CONTAINER`);
    return { hostIp: match[1] ?? '', hostPort: Number(match[2]), containerPort: Number(match[3]) };
  });
}

/** Bind mounts (`./path:/target[:ro]`) with their host path relative to the project. */
export function bindMounts(service: ComposeService): { source: string; target: string }[] {
  return (service.volumes ?? [])
    .map((spec) => spec.split(':'))
    .filter(([source]) => source?.startsWith('.') === true)
    .map(([source = '', target = '']) => ({ source, target }));
}
