import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '@fraud/common';
import { AlertsApiError } from '../errors.js';
import { authErrors, Timestamp, Uuid } from '../http/schema-helpers.js';
import type { FeatureCatalog } from './feature-catalog.js';

const CardFeatures = Type.Object({
  cardId: Uuid('card'),
  paymentId: Uuid('the latest scored payment of the card'),
  eventTime: Timestamp('its commit time'),
  featureSet: Type.String({ description: 'version of the feature code' }),
  modelVersion: Type.String(),
  score: Type.Number(),
  features: Type.Array(Type.Object({ name: Type.String(), value: Type.Number() }), {
    description: 'in model input order; names are `#<index>` for a feature set not known here',
  }),
});

export interface CardFeaturesRouteOptions {
  featureNames: FeatureCatalog;
}

/**
 * A card's current windowed features, as of its latest scored payment: the topology's state,
 * served from its output (the interactive-queries idea without querying the topology itself).
 */
export const cardFeaturesRoute: FastifyPluginAsyncTypebox<CardFeaturesRouteOptions> = async (
  app,
  { featureNames },
) => {
  app.get(
    '/cards/:cardId/features',
    {
      schema: {
        summary: "A card's latest feature vector and the model that scored it",
        tags: ['cards'],
        params: Type.Object({ cardId: Uuid('card id') }),
        response: { 200: CardFeatures, 404: ErrorResponse, ...authErrors },
      },
    },
    async (request) => {
      const { rows } = await app.db.query<{
        payment_id: string;
        event_time: Date;
        feature_set: string;
        model_version: string;
        score: number;
        features: number[];
      }>(
        `SELECT payment_id, event_time, feature_set, model_version, score, features
           FROM scored_payments WHERE card_id = $1 ORDER BY event_time DESC LIMIT 1`,
        [request.params.cardId],
        'card-latest-features',
      );
      const latest = rows[0];
      if (!latest) {
        throw new AlertsApiError('CARD_NOT_FOUND', 'no recent scored payment of this card');
      }
      const names = featureNames(latest.feature_set);
      return {
        cardId: request.params.cardId,
        paymentId: latest.payment_id,
        eventTime: latest.event_time.toISOString(),
        featureSet: latest.feature_set,
        modelVersion: latest.model_version,
        score: latest.score,
        features: latest.features.map((value, i) => ({
          name: names?.length === latest.features.length ? (names[i] ?? `#${i}`) : `#${i}`,
          value,
        })),
      };
    },
  );
};
