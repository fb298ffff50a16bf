import { randomUUID } from 'node:crypto';
import {
  sampleFraudAlert,
  sampleScoredPayment,
  type FraudAlert,
  type ScoredPayment,
} from '@fraud/schemas';
import { TEST_FEATURE_NAMES, TEST_FEATURE_SET } from './test-service.js';

/** A fresh alert (new ids) at `eventTime`; the rest from the schemas' sample, overridable. */
export function testAlert(overrides: Partial<FraudAlert> = {}): FraudAlert {
  const eventTime = overrides.eventTime ?? Date.now() - 1000;
  return sampleFraudAlert({
    alertId: randomUUID(),
    paymentId: randomUUID(),
    cardId: randomUUID(),
    merchantId: randomUUID(),
    eventTime,
    processedAt: eventTime + 150,
    features: Object.fromEntries(TEST_FEATURE_NAMES.map((name, i) => [name, i + 0.5])),
    reasons: [
      { code: 'count_1h', value: 7, contribution: 0.31 },
      { code: 'merchant_is_new', value: 1, contribution: 0.12 },
    ],
    ...overrides,
  });
}

export function testScoredPayment(overrides: Partial<ScoredPayment> = {}): ScoredPayment {
  const eventTime = overrides.eventTime ?? Date.now() - 1000;
  return sampleScoredPayment({
    paymentId: randomUUID(),
    cardId: randomUUID(),
    merchantId: randomUUID(),
    eventTime,
    processedAt: eventTime + 120,
    featureSet: TEST_FEATURE_SET,
    features: TEST_FEATURE_NAMES.map((_, i) => i * 1.5),
    ...overrides,
  });
}
