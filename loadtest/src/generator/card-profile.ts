import type { AccountRow } from '@fraud/schemas';
import { homeNetwork } from './ip-addresses.js';
import { between, intBetween, logNormal, opaqueId, streamPrng } from './random.js';
import type { MerchantIndex } from './merchant-index.js';

/** What a card habitually does; derived from its index alone, so every run agrees on it. */
export interface CardProfile {
  index: number;
  accountIndex: number;
  /** Index in CITIES of the account's home city. */
  cityIndex: number;
  home: { lat: number; lon: number };
  country: string;
  /** Multiplies every ticket: some holders spend twice as much as others. */
  spendLevel: number;
  /** The card's usual ticket in euros, the yardstick of "several times the usual". */
  typicalEur: number;
  /** Share of payments made online where the category allows both. */
  onlineShare: number;
  /** Merchants it returns to, mostly in its home city. */
  favourites: readonly number[];
  /** The holder's phone and laptop: stable device fingerprints. */
  devices: readonly [string, ...string[]];
  /** The household's network; online payments come from a few hosts in it. */
  network: readonly [number, number, number];
  /** 1–3: how often it is used compared with other cards of its city. */
  activity: number;
}

// Salt of the profile streams: profiles must not change with the traffic seed.
const PROFILE_STREAM = 0x9e3779b1;

export function cardProfile(
  index: number,
  accountIndex: number,
  account: AccountRow,
  cityIndex: number,
  merchants: MerchantIndex,
): CardProfile {
  const random = streamPrng(PROFILE_STREAM, index);
  const home = { lat: account.homeLat, lon: account.homeLon };
  const spendLevel = logNormal(random, 1, 0.45);
  const favourites: number[] = [];
  const count = intBetween(random, 4, 10);
  for (let f = 0; f < count; f++) {
    const merchant =
      random() < 0.85
        ? merchants.localMerchant(random, cityIndex)
        : merchants.onlineMerchant(random);
    if (merchant !== undefined && !favourites.includes(merchant)) favourites.push(merchant);
  }
  const devices: [string, ...string[]] = [opaqueId(random, 'fp')];
  if (random() < 0.4) devices.push(opaqueId(random, 'fp'));
  return {
    index,
    accountIndex,
    cityIndex,
    home,
    country: account.country,
    spendLevel,
    typicalEur: 35 * spendLevel,
    onlineShare: between(random, 0.1, 0.5),
    favourites,
    devices,
    network: homeNetwork(random, account.country),
    activity: intBetween(random, 1, 3),
  };
}
