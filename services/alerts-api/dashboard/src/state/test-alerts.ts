import type { AlertSummary } from '../api/types.js';

/** An alert for the dashboard's unit tests; `overrides` set what a test is about. */
export function testAlert(overrides: Partial<AlertSummary> & { alertId: string }): AlertSummary {
  return {
    paymentId: `p-${overrides.alertId}`,
    cardId: 'card-1',
    accountId: 'account-1',
    merchantId: 'merchant-1',
    cardLast4: '4242',
    amountMinor: 12_345,
    currency: 'EUR',
    amountEur: 123.45,
    channel: 'ecom',
    country: 'DE',
    mcc: '5732',
    eventTime: '2026-11-23T12:00:00.000Z',
    processedAt: '2026-11-23T12:00:00.250Z',
    score: 0.93,
    decision: 'review',
    modelVersion: 'test',
    reasons: [{ code: 'amount_z', value: 4.2, contribution: 0.31 }],
    status: 'open',
    assignee: null,
    resolution: null,
    createdAt: '2026-11-23T12:00:01.000Z',
    updatedAt: '2026-11-23T12:00:01.000Z',
    ...overrides,
  };
}
