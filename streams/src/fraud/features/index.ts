/**
 * `@fraud/streams/features`: the feature code alone (no model runtime), for readers of
 * payments.scored that need the names of its feature vector.
 */
export {
  computeCardFeatures,
  FEATURES,
  FEATURE_NAMES,
  FEATURE_SET,
  type CardFeatures,
  type FeatureName,
} from './card-features.js';
export type { CardProfile } from './card-profile.js';
export { amountInEur, isKnownCurrency } from './reference-rates.js';
export { distanceKm } from './geo.js';
