import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

export interface DashboardOptions {
  /** The Vite build output (`dashboard/dist`). */
  dir: string;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>alerts-api</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The dashboard is not built</h1>
<p>alerts-api is running, but there is no dashboard build to serve. Build it with</p>
<pre>npm run build -w @fraud/alerts-api</pre>
<p>and restart the service. Meanwhile the API is documented at <a href="/docs">/docs</a>.</p>
</body></html>`;

/** Serves the dashboard's static files at `/`; without a build, `/` says how to make one. */
export const dashboard: FastifyPluginAsync<DashboardOptions> = async (app, { dir }) => {
  if (existsSync(join(dir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      index: 'index.html',
      cacheControl: false,
      // Vite names assets by content hash: they never change, the page itself always may.
      setHeaders: (response, path) => {
        response.setHeader(
          'cache-control',
          path.includes(`${join(dir, 'assets')}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.log.info({ dir }, 'serving the dashboard');
    return;
  }
  app.log.warn({ dir }, 'dashboard not built; / explains how to build it');
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(NOT_BUILT),
  );
};
