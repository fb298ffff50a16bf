import type { FastifyRequest } from 'fastify';
import type { Logger } from '@fraud/common';

/** The URL with the `access_token` query parameter (the live stream's token) blanked out. */
export function redactTokenInUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');
}

/**
 * The request logger Fastify is given: the same JSON lines as everywhere, but the logged URL
 * never carries a token (EventSource clients put theirs in the query string).
 */
export function withSafeRequestLogs(logger: Logger): Logger {
  return logger.child(
    {},
    {
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: redactTokenInUrl(request.url),
          remoteAddress: request.ip,
        }),
      },
    },
  );
}
