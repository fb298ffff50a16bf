import type { FraudAlert, ScoredPayment } from '@fraud/schemas';
import { debeziumRow } from '../cdc/index.js';
import type { RawRecord } from '../records/index.js';
import { jsonSerde, stringSerde, type Serde } from '../serdes/index.js';
import { StreamsBuilder, type GlobalTableOptions, type Topology } from '../topology/index.js';
import {
  isAccountRow,
  isCardRow,
  isMerchantRow,
  toAccountInfo,
  toCardInfo,
  toMerchantInfo,
} from './cdc-rows.js';
import { computeCardFeatures } from './features/card-features.js';
import type { CardProfile } from './features/card-profile.js';
import type {
  AccountInfo,
  CardInfo,
  EnrichedPayment,
  MerchantInfo,
  PaymentEvent,
} from './payment.js';
import { cardKeySerde, paymentChangeSerde } from './payment-serdes.js';
import { scoreBatch, type FeaturedPayment, type ScoringResult } from './score-batch.js';
import type { FraudModel } from './scoring/fraud-model.js';

export interface FraudTopics {
  payments: string;
  accounts: string;
  cards: string;
  merchants: string;
  scored: string;
  alerts: string;
  deadLetter: string;
}

export const DEFAULT_FRAUD_TOPICS: FraudTopics = {
  payments: 'pg.public.payments',
  accounts: 'pg.public.accounts',
  cards: 'pg.public.cards',
  merchants: 'pg.public.merchants',
  scored: 'payments.scored',
  alerts: 'fraud.alerts',
  deadLetter: 'payments.dlq',
};

/** The store holding each card's profile; its changelog is `<app>-card-profiles-changelog`. */
export const CARD_PROFILE_STORE = 'card-profiles';

export interface FraudTopologyOptions {
  topics: FraudTopics;
  /** The model in service now (hot reload swaps it between batches). */
  model: () => FraudModel;
  scoredSerde: Serde<ScoredPayment>;
  alertSerde: Serde<FraudAlert>;
  /** Largest inference batch. */
  maxBatch?: number;
  /** Sees every scoring result before it is sent (metrics); must not throw. */
  onScored?: (result: ScoringResult) => void;
  now?: () => number;
}

/**
 * payments CDC → decode + validate (bad → dead letters) → join card, account and merchant
 * tables → per-card features on event time (profile store) → batched ONNX scoring →
 * payments.scored for all, fraud.alerts for those over the threshold.
 */
export function buildFraudTopology(options: FraudTopologyOptions): Topology {
  const { topics, model, now = Date.now } = options;
  const builder = new StreamsBuilder({ deadLetterTopic: topics.deadLetter });
  const cards = builder.globalTable(topics.cards, referenceTable('cards', isCardRow, toCardInfo));
  const accounts = builder.globalTable(
    topics.accounts,
    referenceTable('accounts', isAccountRow, toAccountInfo),
  );
  const merchants = builder.globalTable(
    topics.merchants,
    referenceTable('merchants', isMerchantRow, toMerchantInfo),
  );

  const results = builder
    .stream(topics.payments, {
      keySerde: cardKeySerde,
      valueSerde: paymentChangeSerde,
      timestamp: (r) => r.value?.payment?.eventTime ?? r.timestamp,
    })
    // Payments are insert-only; updates, deletes and tombstones carry no new payment.
    .mapValues((change) => change?.payment ?? null)
    .filter((_card, payment): payment is PaymentEvent => payment !== null)
    .leftJoin(cards, {
      key: (_card, p) => p.cardId,
      joiner: (payment, card: CardInfo | undefined): EnrichedPayment => ({
        payment,
        enrichment: { card: card ?? null, account: null, merchant: null },
      }),
    })
    .leftJoin(accounts, {
      key: (_card, e) => e.payment.accountId,
      joiner: (e, account: AccountInfo | undefined) => ({
        ...e,
        enrichment: { ...e.enrichment, account: account ?? null },
      }),
    })
    .leftJoin(merchants, {
      key: (_card, e) => e.payment.merchantId,
      joiner: (e, merchant: MerchantInfo | undefined) => ({
        ...e,
        enrichment: { ...e.enrichment, merchant: merchant ?? null },
      }),
    })
    .transformValues<CardProfile, FeaturedPayment>({
      storeName: CARD_PROFILE_STORE,
      keySerde: stringSerde,
      stateSerde: jsonSerde<CardProfile>(),
      transform: (enriched, profile) => {
        // The value serde already refused currencies without a rate, the only undefined case.
        const out = computeCardFeatures(profile, enriched);
        if (!out) throw new RangeError(`no features for payment ${enriched.payment.paymentId}`);
        return {
          value: { ...enriched, features: out.features, amountEur: out.amountEur },
          state: out.profile,
        };
      },
    })
    .mapValuesBatched((batch) => scoreBatch(model(), batch, now()), {
      maxBatch: options.maxBatch ?? 256,
    })
    .peek((_card, result) => options.onScored?.(result));

  results
    .mapValues((r) => r.scored)
    .to(topics.scored, { keySerde: stringSerde, valueSerde: options.scoredSerde });
  results
    .filter((_card, r): r is ScoringResult & { alert: FraudAlert } => r.alert !== null)
    .mapValues((r) => r.alert)
    .to(topics.alerts, { keySerde: stringSerde, valueSerde: options.alertSerde });
  return builder.build();
}

function referenceTable<Row extends { id: string }, Info>(
  storeName: string,
  isRow: (row: unknown) => row is Row,
  toInfo: (row: Row) => Info,
): GlobalTableOptions<string, Info> {
  const read = debeziumRow<string, Row>({ key: (k) => String(k['id']), isRow });
  return {
    storeName,
    keySerde: stringSerde,
    valueSerde: jsonSerde<Info>(),
    toRow: (record: RawRecord) => {
      const row = read(record);
      return row && { key: row.key, value: row.value && toInfo(row.value) };
    },
  };
}
