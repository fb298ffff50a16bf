import type { EnrichedPayment } from '../payment.js';
import {
  emptyProfile,
  HOUR_MS,
  MINUTE_MS,
  sumBuckets,
  updateProfile,
  type CardProfile,
} from './card-profile.js';
import { distanceKm } from './geo.js';
import { amountInEur } from './reference-rates.js';

/**
 * Version of the feature code. A model is trained for one feature set; the topology refuses a
 * model of another. Change it whenever a feature's meaning or order changes.
 */
export const FEATURE_SET = 'card-v1';

/** The model input, in order, with what each means (the model card lists these). */
export const FEATURES = [
  ['amount_eur_log', 'log(1 + amount in EUR)'],
  ['amount_z_card', "amount's z-score against the card's history (log scale; 0 without history)"],
  ['card_history_log', 'log(1 + payments the card made before)'],
  ['since_last_log', "log(1 + seconds since the card's previous payment), 30 days if none"],
  ['count_10m', "the card's payments in the last 10 one-minute buckets, this one included"],
  ['count_1h', "the card's payments in the last 60 one-minute buckets"],
  ['count_24h', "the card's payments in the last 24 one-hour buckets"],
  ['sum_eur_1h_log', 'log(1 + EUR spent in the last 60 one-minute buckets)'],
  ['sum_eur_24h_log', 'log(1 + EUR spent in the last 24 one-hour buckets)'],
  ['small_count_10m', 'payments under 5 EUR in the last 10 one-minute buckets'],
  ['distinct_merchants_1h', 'distinct merchants of the card in the last hour'],
  ['distinct_countries_24h', 'distinct countries of the card in the last 24 hours'],
  ['merchant_is_new', '1 when the card has not paid this merchant recently'],
  ['country_is_new', '1 when the card has not paid in this country recently'],
  ['device_is_new', '1 for an online payment from a device the card has not used recently'],
  ['is_foreign', "1 when the payment country differs from the account's (or issuer's) country"],
  ['home_distance_log', "log(1 + km from the account holder's home)"],
  ['travel_speed_log', 'log(1 + km/h needed from the previous card-present payment)'],
  ['online', '1 for card-not-present'],
  [
    'high_risk_mcc',
    '1 for quasi-cash, money transfer, gambling, jewellery, electronics, digital goods',
  ],
  ['account_not_active', '1 when the account is suspended or closed'],
] as const satisfies readonly (readonly [string, string])[];

export type FeatureName = (typeof FEATURES)[number][0];
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map(([name]) => name);

const HIGH_RISK_MCC = new Set(['4829', '5732', '5815', '5944', '6051', '7995']);
const SMALL_EUR = 5;
const NO_HISTORY_SECONDS = 30 * 24 * 3600;

export interface CardFeatures {
  features: number[];
  amountEur: number;
  profile: CardProfile;
}

/**
 * The features of one payment and the card's profile after it. Pure: the live topology (with
 * the profile in a state store) and the offline training-set builder (with profiles in a map)
 * call this same function over the same events, so online and offline features are equal.
 * Returns undefined for a currency without a reference rate (the topology dead-letters it).
 */
export function computeCardFeatures(
  previous: CardProfile | undefined,
  { payment, enrichment }: EnrichedPayment,
): CardFeatures | undefined {
  const amountEur = amountInEur(payment.amountMinor, payment.currency);
  if (amountEur === undefined) return undefined;
  const at = payment.eventTime;
  const { account, card, merchant } = enrichment;
  const location =
    payment.lat !== null && payment.lon !== null
      ? { lat: payment.lat, lon: payment.lon }
      : merchant?.lat != null && merchant.lon != null
        ? { lat: merchant.lat, lon: merchant.lon }
        : null;
  const device = payment.channel === 'online' ? payment.deviceFingerprint : null;

  const before = previous ?? emptyProfile();
  const profile = updateProfile(before, {
    at,
    amountEur,
    small: amountEur < SMALL_EUR,
    merchantId: payment.merchantId,
    country: payment.country,
    device,
    present: payment.channel === 'card_present' ? location : null,
  });

  const minute = Math.floor(at / MINUTE_MS);
  const hour = Math.floor(at / HOUR_MS);
  const x = Math.log1p(amountEur);
  const sd = Math.sqrt(before.n > 1 ? before.m2Log / (before.n - 1) : 0);
  const homeCountry = account?.country ?? card?.issuerCountry ?? null;
  const home =
    account?.homeLat != null && account.homeLon != null
      ? { lat: account.homeLat, lon: account.homeLon }
      : null;
  const recentCount = (seen: [string, number][], windowMs: number) =>
    seen.filter(([, last]) => last > at - windowMs).length;
  const known = (seen: [string, number][], id: string) => seen.some(([s]) => s === id);

  const values: Record<FeatureName, number> = {
    amount_eur_log: x,
    amount_z_card: before.n > 1 ? (x - before.meanLog) / (sd + 0.25) : 0,
    card_history_log: Math.log1p(before.n),
    since_last_log: Math.log1p(
      before.lastAt === null
        ? NO_HISTORY_SECONDS
        : Math.min(Math.max(at - before.lastAt, 0) / 1000, NO_HISTORY_SECONDS),
    ),
    count_10m: sumBuckets(profile.minutes, minute - 9, minute, 1),
    count_1h: sumBuckets(profile.minutes, minute - 59, minute, 1),
    count_24h: sumBuckets(profile.hours, hour - 23, hour, 1),
    sum_eur_1h_log: Math.log1p(sumBuckets(profile.minutes, minute - 59, minute, 2)),
    sum_eur_24h_log: Math.log1p(sumBuckets(profile.hours, hour - 23, hour, 2)),
    small_count_10m: sumBuckets(profile.minutes, minute - 9, minute, 3),
    distinct_merchants_1h: recentCount(profile.merchants, HOUR_MS),
    distinct_countries_24h: recentCount(profile.countries, 24 * HOUR_MS),
    merchant_is_new: known(before.merchants, payment.merchantId) ? 0 : 1,
    country_is_new: known(before.countries, payment.country) ? 0 : 1,
    device_is_new: device !== null && !known(before.devices, device) ? 1 : 0,
    is_foreign: homeCountry !== null && payment.country !== homeCountry ? 1 : 0,
    home_distance_log:
      home && location ? Math.log1p(distanceKm(home.lat, home.lon, location.lat, location.lon)) : 0,
    travel_speed_log: travelSpeedLog(before.lastPresent, payment.channel, location, at),
    online: payment.channel === 'online' ? 1 : 0,
    high_risk_mcc: merchant && HIGH_RISK_MCC.has(merchant.mcc) ? 1 : 0,
    account_not_active: account && account.status !== 'active' ? 1 : 0,
  };
  return { features: FEATURE_NAMES.map((name) => values[name]), amountEur, profile };
}

/** Speed from the previous card-present payment; a minute at least, so bursts stay finite. */
function travelSpeedLog(
  last: [number, number, number] | null,
  channel: string,
  location: { lat: number; lon: number } | null,
  at: number,
): number {
  if (channel !== 'card_present' || !location || !last) return 0;
  const [lastAt, lat, lon] = last;
  const hours = Math.max(Math.abs(at - lastAt), MINUTE_MS) / HOUR_MS;
  return Math.log1p(distanceKm(lat, lon, location.lat, location.lon) / hours);
}
