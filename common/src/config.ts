import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError, type ConfigProblem } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the variables a TypeBox object schema names from the environment, applies each one's
 * `default`, converts strings to the declared types and validates. Throws one ConfigError that
 * names every bad variable, so a misconfigured service stops at start-up with a clear message.
 */
export function loadConfig<T extends TObject>(schema: T, env: Env = process.env): Static<T> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const candidate = Value.Convert(schema, Value.Default(schema, raw));
  const problems: ConfigProblem[] = [...Value.Errors(schema, candidate)].map((e) => {
    const variable = e.path.replace(/^\//, '') || '(root)';
    return { variable, message: e.message, value: env[variable] };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return candidate as Static<T>;
}

/** One line per variable: name, default and description, for `--help` output and docs. */
export function describeConfig(schema: TObject): string {
  return Object.entries(schema.properties as Record<string, TSchema>)
    .map(([name, s]) => {
      const fallback = s.default === undefined ? '(required)' : `[default: ${String(s.default)}]`;
      return `${name} ${fallback}${s.description ? ` ${String(s.description)}` : ''}`;
    })
    .join('\n');
}

/** An integer TCP port, given as a string in the environment. */
export const Port = (defaultPort: number, description: string) =>
  Type.Integer({ minimum: 1, maximum: 65535, default: defaultPort, description });

export const LogLevel = Type.Union(
  [
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ],
  { default: 'info', description: 'pino log level' },
);
