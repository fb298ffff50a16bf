import type { FraudAlert, FraudLabel, ScoredPayment } from './generated.js';

/**
 * Valid example records of each topic, for tests and docs. Fixed values, so that a test's
 * expectation does not depend on the clock; override what the test is about.
 */
export const sampleScoredPayment = (overrides: Partial<ScoredPayment> = {}): ScoredPayment => ({
  paymentId: '0b6f6e7c-5d1a-4f0e-9d43-2b1f1c0e8a11',
  cardId: '6a1e0f8e-1b7c-4c55-8f0e-3c2d1b0a9f22',
  accountId: 'c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e33',
  merchantId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b44',
  cardLast4: '4242',
  amountMinor: 129_99,
  currency: 'EUR',
  amountEur: 129.99,
  channel: 'online',
  country: 'NL',
  merchantCountry: 'DE',
  mcc: '5732',
  eventTime: 1_767_225_600_000,
  processedAt: 1_767_225_600_120,
  featureSet: 'v1',
  features: [129.99, 3, 0.5, 1],
  modelVersion: 'model-test',
  score: 0.91,
  decision: 'decline',
  ...overrides,
});

export const sampleFraudAlert = (overrides: Partial<FraudAlert> = {}): FraudAlert => {
  const payment = sampleScoredPayment();
  return {
    alertId: '1d2c3b4a-5f6e-4d8c-9b0a-1f2e3d4c5b55',
    paymentId: payment.paymentId,
    cardId: payment.cardId,
    accountId: payment.accountId,
    merchantId: payment.merchantId,
    cardLast4: payment.cardLast4,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    amountEur: payment.amountEur,
    channel: payment.channel,
    country: payment.country,
    mcc: payment.mcc,
    eventTime: payment.eventTime,
    processedAt: payment.processedAt,
    score: payment.score,
    decision: payment.decision,
    modelVersion: payment.modelVersion,
    features: { amountEur: 129.99, txCount1h: 3 },
    reasons: [{ code: 'txCount1h', value: 3, contribution: 0.4 }],
    ...overrides,
  };
};

export const sampleFraudLabel = (overrides: Partial<FraudLabel> = {}): FraudLabel => {
  const alert = sampleFraudAlert();
  return {
    alertId: alert.alertId,
    paymentId: alert.paymentId,
    cardId: alert.cardId,
    merchantId: alert.merchantId,
    label: 'fraud',
    resolution: 'confirmed_fraud',
    decidedBy: 'analyst@example.com',
    decidedAt: 1_767_229_200_000,
    comment: null,
    modelVersion: alert.modelVersion,
    score: alert.score,
    ...overrides,
  };
};
