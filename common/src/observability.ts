import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus registry: register service metrics here. */
    metrics: Registry;
  }
}

/** A named readiness check: resolves when the dependency is usable, throws when not. */
export type ReadinessCheck = () => Promise<void>;

export interface ObservabilityOptions {
  /** Checked on every /readyz, concurrently; any failure answers 503. */
  readiness?: Readonly<Record<string, ReadinessCheck>>;
  /** Labels added to every metric (service name, instance). */
  defaultLabels?: Readonly<Record<string, string>>;
}

/**
 * The endpoints every service exposes to its platform:
 *   /healthz  liveness: the process answers (restart me if not)
 *   /readyz   readiness: every dependency check passes (send me traffic)
 *   /metrics  Prometheus text format: process metrics + a request-duration histogram
 * One registry per app, not prom-client's global one, so several apps (tests) can coexist.
 */
const observabilityPlugin: FastifyPluginAsync<ObservabilityOptions> = async (app, options) => {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  collectDefaultMetrics({ register: registry });
  app.decorate('metrics', registry);

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        // The route pattern, not the URL: ids in paths would explode the label cardinality.
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const status = { type: 'object', properties: { status: { type: 'string' } } } as const;
  app.get('/healthz', { schema: { response: { 200: status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const checks = Object.entries(options.readiness ?? {});
    const results = await Promise.all(
      checks.map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          const code = error instanceof Error && 'code' in error ? String(error.code) : 'FAILED';
          return [name, code] as const;
        }
      }),
    );
    const ready = results.every(([, result]) => result === 'ok');
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
  });

  app.get('/metrics', async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
};

export const observability = fp(observabilityPlugin, {
  name: '@fraud/observability',
  fastify: '5.x',
});
