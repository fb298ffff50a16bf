import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { AlertsApiError } from '../errors.js';

export interface SecurityOptions {
  /** Requests per minute per client address. */
  rateLimitMax: number;
}

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Security headers and rate limiting for every route. The CSP admits the dashboard's own
 * scripts and styles only (no inline script, no CDN); inline styles are allowed because chart
 * libraries set them. No CORS plugin: the dashboard is same-origin, so browsers on other
 * origins cannot call the API.
 */
const securityPlugin: FastifyPluginAsync<SecurityOptions> = async (app, { rateLimitMax }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: true,
    max: rateLimitMax,
    timeWindow: '1 minute',
    allowList: (request) => UNLIMITED.has(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, context) =>
      new AlertsApiError('RATE_LIMITED', `too many requests; retry in ${context.after}`),
  });
};

export const security = fp(securityPlugin, { name: 'alerts-security', fastify: '5.x' });
