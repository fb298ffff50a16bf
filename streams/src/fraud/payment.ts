/**
 * A payment as the fraud topology sees it, decoded from the payments CDC topic (or built by
 * the offline dataset builder from generated traffic: both paths meet here, so the feature
 * code cannot tell them apart).
 */
export interface PaymentEvent {
  paymentId: string;
  cardId: string;
  accountId: string;
  merchantId: string;
  cardLast4: string;
  amountMinor: number;
  currency: string;
  channel: 'card_present' | 'online';
  /** Where the payment happens: the terminal's country, or the IP's online. */
  country: string;
  lat: number | null;
  lon: number | null;
  deviceFingerprint: string | null;
  /** Database commit time, epoch ms (Debezium `source.ts_ms`). */
  eventTime: number;
}

/** Reference rows joined to a payment; any may be missing (e.g. CDC of a new card lags). */
export interface Enrichment {
  account: AccountInfo | null;
  card: CardInfo | null;
  merchant: MerchantInfo | null;
}

export interface AccountInfo {
  country: string;
  homeLat: number | null;
  homeLon: number | null;
  status: string;
}

export interface CardInfo {
  issuerCountry: string;
  status: string;
}

export interface MerchantInfo {
  mcc: string;
  country: string;
  lat: number | null;
  lon: number | null;
}

export interface EnrichedPayment {
  payment: PaymentEvent;
  enrichment: Enrichment;
}
