import {
  accountRows,
  CITIES,
  DEFAULT_SEED_SIZES,
  merchantRows,
  seedCardNumber,
  type SeedSizes,
} from '@fraud/schemas';
import { cardProfile, type CardProfile } from './card-profile.js';
import { nearestCityIndex } from './geo.js';
import { MerchantIndex } from './merchant-index.js';

/**
 * The seeded population the traffic runs over: the same accounts and merchants the stack
 * seeds (same functions, same sizes), and a behaviour profile per card.
 */
export interface World {
  sizes: SeedSizes;
  merchants: MerchantIndex;
  cards: readonly CardProfile[];
  /** Per city, card indexes repeated by their activity: a uniform pick favours busy cards. */
  cardPools: readonly Int32Array[];
  cardNumber(index: number): string;
  card(index: number): CardProfile;
}

const worlds = new Map<string, World>();

/** Built once per sizes and shared: the population is read-only. */
export function worldOf(sizes: SeedSizes = DEFAULT_SEED_SIZES): World {
  const key = `${sizes.accounts}/${sizes.cards}/${sizes.merchants}`;
  let world = worlds.get(key);
  if (!world) {
    world = buildWorld(sizes);
    worlds.set(key, world);
  }
  return world;
}

function buildWorld(sizes: SeedSizes): World {
  if (sizes.accounts < 1 || sizes.cards < 1 || sizes.merchants < 1) {
    throw new RangeError('the traffic needs at least one account, card and merchant');
  }
  const accounts = accountRows(sizes.accounts);
  // Accounts store a scattered home location only; their city is the nearest one.
  const homeCity = accounts.map((a) => nearestCityIndex({ lat: a.homeLat, lon: a.homeLon }));
  const merchants = new MerchantIndex(merchantRows(sizes.merchants));
  const cards = Array.from({ length: sizes.cards }, (_, i) => {
    const accountIndex = i % sizes.accounts;
    const account = accounts[accountIndex];
    if (!account) throw new RangeError(`no account #${accountIndex}`);
    return cardProfile(i, accountIndex, account, homeCity[accountIndex] ?? 0, merchants);
  });
  const pools: number[][] = CITIES.map(() => []);
  for (const card of cards) {
    for (let k = 0; k < card.activity; k++) pools[card.cityIndex]?.push(card.index);
  }
  const numbers: (string | undefined)[] = new Array<string | undefined>(sizes.cards);
  return {
    sizes,
    merchants,
    cards,
    cardPools: pools.map((p) => Int32Array.from(p)),
    cardNumber(index) {
      let pan = numbers[index];
      if (pan === undefined) {
        pan = seedCardNumber(index);
        numbers[index] = pan;
      }
      return pan;
    },
    card(index) {
      const card = cards[index];
      if (!card) throw new RangeError(`no card #${index}`);
      return card;
    },
  };
}
