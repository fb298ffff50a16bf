import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { InvalidFieldsError } from '@fraud/common';
import { authErrors, Nullable, Timestamp } from '../http/schema-helpers.js';
import { ALERT_STATUSES } from '../workflow/state-machine.js';
import { queryStats, type Stats } from './stats-query.js';
import { parseWindow, WINDOW_PATTERN } from './stats-window.js';

const Percentiles = Type.Object({
  p50: Nullable(Type.Number()),
  p95: Nullable(Type.Number()),
  p99: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  count: Type.Integer({ description: 'samples' }),
});

const StatsAnswer = Type.Object({
  window: Type.String(),
  from: Timestamp('window start (arrival time)'),
  to: Timestamp('window end'),
  alertsPerMinute: Type.Array(
    Type.Object({ minute: Timestamp('minute start'), count: Type.Integer() }),
    { description: 'every minute of the window, zeros included' },
  ),
  scoreHistogram: Type.Array(
    Type.Object({
      from: Type.Number(),
      to: Type.Number(),
      count: Type.Integer({ description: 'scored payments' }),
      alerts: Type.Integer(),
    }),
  ),
  latencyMs: Type.Composite([Percentiles], {
    description: 'end to end: alert arrival in alerts-api − payment commit (event time)',
  }),
  scoringLatencyMs: Type.Composite([Percentiles], {
    description: 'topology: scored (processedAt) − payment commit (event time)',
  }),
  byStatus: Type.Object(
    Object.fromEntries(ALERT_STATUSES.map((s) => [s, Type.Integer()])) as Record<
      (typeof ALERT_STATUSES)[number],
      ReturnType<typeof Type.Integer>
    >,
    { description: 'all alerts by workflow status' },
  ),
});

/** Dashboards poll this; answers are shared for a moment so many viewers cost one query. */
const CACHE_MS = 2000;

export const statsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const cache = new Map<string, { at: number; stats: Promise<Stats> }>();

  app.get(
    '/stats',
    {
      schema: {
        summary: 'Alert rate, score distribution, latency percentiles and queue sizes',
        tags: ['stats'],
        querystring: Type.Object(
          {
            window: Type.String({
              pattern: WINDOW_PATTERN,
              default: '15m',
              description: 'how far back: 1m to 24h, e.g. 90s, 15m, 6h',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: StatsAnswer, ...authErrors },
      },
    },
    async (request) => {
      const { window } = request.query;
      const windowMs = parseWindow(window);
      if (windowMs === undefined) {
        throw new InvalidFieldsError([
          { in: 'querystring', field: 'window', message: 'must be between 1m and 24h' },
        ]);
      }
      const now = Date.now();
      let entry = cache.get(window);
      if (!entry || now - entry.at > CACHE_MS) {
        entry = { at: now, stats: queryStats(app.db, window, windowMs) };
        cache.set(window, entry);
        // A failed query must not be served from the cache.
        entry.stats.catch(() => cache.delete(window));
      }
      return entry.stats;
    },
  );
};
