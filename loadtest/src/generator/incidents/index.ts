import type { FraudPattern } from '../generated-payment.js';
import { accountTakeover } from './account-takeover.js';
import { cardTesting } from './card-testing.js';
import { compromisedMerchant } from './compromised-merchant.js';
import type { IncidentBuilder } from './incident.js';
import { impossibleTravel } from './impossible-travel.js';

export type { Incident, IncidentBuilder, IncidentContext } from './incident.js';

export interface IncidentKind {
  build: IncidentBuilder;
  /** Fraudulent payments one incident has on average. */
  meanFraudPayments: number;
  /**
   * How often incidents of this kind start, relative to the others. Small incidents are
   * more frequent so that no pattern dominates the fraud labels: each ends up with 10–35% of
   * the fraudulent payments when all are enabled.
   */
  weight: number;
}

export const INCIDENTS: Readonly<Record<FraudPattern, IncidentKind>> = {
  card_testing: { build: cardTesting, meanFraudPayments: 12.5, weight: 1 },
  account_takeover: { build: accountTakeover, meanFraudPayments: 4, weight: 2 },
  impossible_travel: { build: impossibleTravel, meanFraudPayments: 2, weight: 2 },
  compromised_merchant: { build: compromisedMerchant, meanFraudPayments: 25, weight: 0.5 },
};
