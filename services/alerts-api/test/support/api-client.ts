import type { AlertsApp } from '../../src/app.js';
import type { FraudAlert } from '@fraud/schemas';
import type pg from 'pg';
import { inTransaction } from '../../src/db/transaction.js';
import { storeAlerts } from '../../src/ingest/store-alerts.js';
import { appendEvents } from '../../src/live/event-log.js';

/** The demo users (ALERTS_USERS default). */
export const ANALYST = { username: 'analyst', password: 'analyst-pass' };
export const VIEWER = { username: 'viewer', password: 'viewer-pass' };

export async function login(app: AlertsApp, user: { username: string; password: string }) {
  const response = await app.inject({ method: 'POST', url: '/api/login', payload: user });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return response.json<{ token: string; role: string; expiresAt: string }>().token;
}

/** Requests with a bearer token. */
export function client(app: AlertsApp, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: unknown) =>
      app.inject({
        method: 'POST',
        url,
        headers:
          payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      }),
  };
}

/** Stores alerts exactly as the consumer does (rows + live-stream events), without Kafka. */
export async function insertAlerts(db: pg.Pool, alerts: readonly FraudAlert[]): Promise<void> {
  await inTransaction(db, async (connection) => {
    await appendEvents(connection, await storeAlerts(connection, alerts));
  });
}
