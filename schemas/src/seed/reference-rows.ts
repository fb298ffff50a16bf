import { cardBrand, tokenizePan, type CardBrand } from '@fraud/common';
import { CITIES, GIVEN_NAMES, MERCHANT_CATEGORIES, SURNAMES } from './places.js';
import { createPrng, pick, type Prng } from './prng.js';
import { seedCardNumber, seedId } from './seed-identities.js';

export interface SeedSizes {
  accounts: number;
  cards: number;
  merchants: number;
}

/** Big enough for windowed per-card features to look like a real issuer's traffic. */
export const DEFAULT_SEED_SIZES: SeedSizes = { accounts: 20_000, cards: 50_000, merchants: 5_000 };

export interface AccountRow {
  id: string;
  holderName: string;
  country: string;
  homeLat: number;
  homeLon: number;
}

export interface CardRow {
  id: string;
  accountId: string;
  panToken: string;
  last4: string;
  brand: CardBrand;
  expiryMonth: number;
  expiryYear: number;
  issuerCountry: string;
}

export interface MerchantRow {
  id: string;
  name: string;
  mcc: string;
  country: string;
  city: string;
  lat: number;
  lon: number;
}

// Scatter around a city centre by up to ~0.2 degrees (a metropolitan area).
const near = (random: Prng, centre: number) =>
  Math.round((centre + (random() - 0.5) * 0.4) * 1e5) / 1e5;

export function accountRows(count: number): AccountRow[] {
  const random = createPrng(1);
  return Array.from({ length: count }, (_, i) => {
    const home = pick(random, CITIES);
    return {
      id: seedId('account', i),
      holderName: `${pick(random, GIVEN_NAMES)} ${pick(random, SURNAMES)}`,
      country: home.country,
      homeLat: near(random, home.lat),
      homeLon: near(random, home.lon),
    };
  });
}

/** Cards spread over accounts (some accounts hold several); tokens under the given key. */
export function cardRows(sizes: SeedSizes, accounts: AccountRow[], panTokenKey: string): CardRow[] {
  const random = createPrng(2);
  return Array.from({ length: sizes.cards }, (_, i) => {
    const account = accounts[i % sizes.accounts];
    if (!account) throw new RangeError('cards need at least one account');
    const pan = seedCardNumber(i);
    return {
      id: seedId('card', i),
      accountId: account.id,
      panToken: tokenizePan(pan, panTokenKey),
      last4: pan.slice(-4),
      brand: cardBrand(pan),
      expiryMonth: 1 + Math.floor(random() * 12),
      expiryYear: 2027 + Math.floor(random() * 5),
      issuerCountry: account.country,
    };
  });
}

export function merchantRows(count: number): MerchantRow[] {
  const random = createPrng(3);
  return Array.from({ length: count }, (_, i) => {
    const place = pick(random, CITIES);
    const category = pick(random, MERCHANT_CATEGORIES);
    return {
      id: seedId('merchant', i),
      name: `${category.label} ${place.city} #${i}`,
      mcc: category.mcc,
      country: place.country,
      city: place.city,
      lat: near(random, place.lat),
      lon: near(random, place.lon),
    };
  });
}
