import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Gauge } from 'prom-client';
import type pg from 'pg';
import { authErrors } from '../http/schema-helpers.js';
import type { EventHub } from './event-hub.js';
import { openSseSession, type SseSession } from './sse-session.js';

export interface StreamRouteOptions {
  hub: EventHub;
  pool: pg.Pool;
  heartbeatMs: number;
}

const SEQ = '^[0-9]{1,15}$';

export const streamRoute: FastifyPluginAsyncTypebox<StreamRouteOptions> = async (
  app,
  { hub, pool, heartbeatMs },
) => {
  const sessions = new Set<SseSession>();
  new Gauge({
    name: 'alerts_stream_clients',
    help: 'Connected live-stream (SSE) clients of this instance',
    registers: [app.metrics],
    collect() {
      this.set(sessions.size);
    },
  });
  // Open streams never end by themselves: close them, or shutdown would wait for them forever.
  app.addHook('preClose', async () => {
    for (const session of [...sessions]) session.close();
  });

  app.get(
    '/alerts/stream',
    {
      config: { queryToken: true },
      schema: {
        summary: 'Live stream (Server-Sent Events) of new alerts and status changes',
        description:
          'Events `alert` (a new AlertSummary) and `alert-updated` (the AlertSummary after a ' +
          'workflow change); `id` is a sequence number. Reconnect with `Last-Event-ID` (or ' +
          '`lastEventId`) to receive what was missed. EventSource cannot send headers, so ' +
          'this route also takes the token as `access_token`.',
        tags: ['alerts'],
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: SEQ })) }),
        querystring: Type.Object(
          {
            access_token: Type.Optional(Type.String({ maxLength: 4096 })),
            lastEventId: Type.Optional(Type.String({ pattern: SEQ })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.String({ description: 'text/event-stream' }),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const resumeFrom = request.headers['last-event-id'] ?? request.query.lastEventId;
      reply.hijack();
      const response = reply.raw;
      // Helmet's and the rate limiter's headers were set on the reply; a hijacked reply must
      // write them itself.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) response.setHeader(name, value);
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.flushHeaders();
      let session: SseSession | undefined;
      try {
        session = await openSseSession({
          response,
          hub,
          pool,
          lastEventId: resumeFrom === undefined ? undefined : Number(resumeFrom),
          heartbeatMs,
          onClose: () => {
            if (session) sessions.delete(session);
          },
        });
        if (response.destroyed) return;
        sessions.add(session);
        request.log.info({ resumeFrom, clients: sessions.size }, 'stream opened');
      } catch (error) {
        request.log.warn({ err: error }, 'stream closed: cannot replay the event log');
        response.destroy();
      }
    },
  );
};
