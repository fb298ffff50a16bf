import type { FraudAlert, ScoredPayment } from '@fraud/schemas';
import { FEATURE_NAMES, FEATURE_SET } from './features/card-features.js';
import type { EnrichedPayment } from './payment.js';
import { alertIdFor } from './payment-serdes.js';
import type { FraudModel } from './scoring/fraud-model.js';

/** A payment with its features, ready for the model. */
export interface FeaturedPayment extends EnrichedPayment {
  features: number[];
  amountEur: number;
}

export interface ScoringResult {
  scored: ScoredPayment;
  alert: FraudAlert | null;
}

/**
 * Scores a cycle's payments with one inference call, then explains the alerts. The model is
 * taken once per batch, so a hot reload never splits a batch between two versions.
 */
export async function scoreBatch(
  model: FraudModel,
  batch: readonly FeaturedPayment[],
  processedAt: number,
): Promise<ScoringResult[]> {
  const scores = await model.score(batch.map((p) => p.features));
  return Promise.all(
    batch.map(async (item, i): Promise<ScoringResult> => {
      const score = scores[i] ?? 0;
      const decision = model.decision(score);
      const { payment: p, enrichment } = item;
      const scored: ScoredPayment = {
        paymentId: p.paymentId,
        cardId: p.cardId,
        accountId: p.accountId,
        merchantId: p.merchantId,
        cardLast4: p.cardLast4,
        amountMinor: p.amountMinor,
        currency: p.currency,
        amountEur: item.amountEur,
        channel: p.channel,
        country: p.country,
        merchantCountry: enrichment.merchant?.country ?? null,
        mcc: enrichment.merchant?.mcc ?? null,
        eventTime: p.eventTime,
        processedAt,
        featureSet: FEATURE_SET,
        features: item.features,
        modelVersion: model.version,
        score,
        decision,
      };
      if (decision === 'approve') return { scored, alert: null };
      // An alert is the scored payment with reasons and named features, less what only the
      // lake needs (the raw vector, the feature set, the merchant's country).
      const { merchantCountry: _country, featureSet: _set, features, ...payment } = scored;
      return {
        scored,
        alert: {
          ...payment,
          alertId: alertIdFor(p.paymentId),
          features: Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, features[j] ?? 0])),
          reasons: await model.explain(features, score),
        },
      };
    }),
  );
}
