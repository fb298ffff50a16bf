export type {
  AccountInfo,
  CardInfo,
  Enrichment,
  EnrichedPayment,
  MerchantInfo,
  PaymentEvent,
} from './payment.js';
export * from './features/index.js';
export { FraudModel, type Reason } from './scoring/fraud-model.js';
export { ModelHolder, type ModelHolderOptions } from './scoring/model-holder.js';
export { ModelLoadError, ModelMeta, ModelSample, readModelMeta } from './scoring/model-card.js';
export {
  buildFraudTopology,
  CARD_PROFILE_STORE,
  DEFAULT_FRAUD_TOPICS,
  type FraudTopics,
  type FraudTopologyOptions,
} from './fraud-topology.js';
export { scoreBatch, type FeaturedPayment, type ScoringResult } from './score-batch.js';
export {
  alertIdFor,
  cardKeySerde,
  paymentChangeSerde,
  type PaymentChange,
} from './payment-serdes.js';
export {
  isAccountRow,
  isCardRow,
  isMerchantRow,
  isPaymentRow,
  toAccountInfo,
  toCardInfo,
  toMerchantInfo,
  toPaymentEvent,
} from './cdc-rows.js';
export { avroStreamsSerde } from './avro-streams-serde.js';
export { startFraudApp, type FraudApp } from './app/fraud-app.js';
export { FraudAppEnv, loadFraudAppConfig, type FraudAppConfig } from './app/config.js';
