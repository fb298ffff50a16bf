import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/**
 * The OpenAPI document is generated from the route schemas (the single source of truth):
 * JSON at /openapi.json, Swagger UI at /docs. Registered before the routes, which it collects.
 */
const openApiPlugin: FastifyPluginAsync = async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'payments-api',
        version: '0.1.0',
        description:
          'Ingestion of card payments for fraud screening. Card numbers are tokenized on ' +
          'arrival; payments and reference data flow to Kafka through CDC.',
      },
      tags: [
        { name: 'payments', description: 'submit and look up payments' },
        { name: 'reference data', description: 'accounts, cards and merchants' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export const openApi = fp(openApiPlugin, { name: 'payments-openapi', fastify: '5.x' });
