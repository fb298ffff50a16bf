import AjvCompiler from '@fastify/ajv-compiler';

type BuildCompilerFromPool = AjvCompiler.BuildCompilerFromPool;
type Compile = ReturnType<BuildCompilerFromPool>;
/** What Fastify really passes to a compiler (the package types it as a bare schema). */
type RouteSchema = AjvCompiler.RouteDefinition;

const shared = {
  // Report every offending field, not just the first one.
  allErrors: true,
  removeAdditional: false as const,
  useDefaults: true,
};

/**
 * Two validators: query strings, path parameters and headers are text, so `limit=20` must
 * become 20 (coerced); a JSON body is typed already, and `"assignee": 42` or `"score": "1"`
 * is an error there, never silently converted.
 */
export const buildValidator: BuildCompilerFromPool = (externalSchemas, serverOptions) => {
  const factory = AjvCompiler();
  const build = (coerceTypes: false | 'array') =>
    factory(externalSchemas, {
      ...serverOptions,
      customOptions: { ...serverOptions?.customOptions, ...shared, coerceTypes },
    } as Parameters<BuildCompilerFromPool>[1]) as unknown as (
      route: RouteSchema,
    ) => ReturnType<Compile>;
  const strict = build(false);
  const coercing = build('array');
  const compile = (route: RouteSchema) => (route.httpPart === 'body' ? strict : coercing)(route);
  return compile as unknown as Compile;
};
