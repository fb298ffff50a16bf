import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/**
 * The OpenAPI document, generated from the route schemas: JSON at /openapi.json, Swagger UI at
 * /docs (both public; the API behind them needs a token: use "Authorize" with one from
 * POST /api/login). Registered before the routes, which it collects.
 */
const openApiPlugin: FastifyPluginAsync = async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'alerts-api',
        version: '0.1.0',
        description:
          'Fraud alerts for analysts: a filtered, paginated queue, the case workflow with an ' +
          'audit log, a live stream (Server-Sent Events), card features and statistics. ' +
          'Decisions are published to fraud.labels for retraining.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'auth', description: 'log in' },
        { name: 'alerts', description: 'the alert queue, one alert, the live stream' },
        { name: 'workflow', description: 'acknowledge, assign, resolve (analysts)' },
        { name: 'cards', description: 'card features' },
        { name: 'stats', description: 'dashboard charts' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export const openApi = fp(openApiPlugin, { name: 'alerts-openapi', fastify: '5.x' });
