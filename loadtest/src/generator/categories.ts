import type { MERCHANT_CATEGORIES } from '@fraud/schemas';

export type Mcc = (typeof MERCHANT_CATEGORIES)[number]['mcc'];

export interface CategoryProfile {
  /** Median ticket in euros and the spread of its log-normal distribution. */
  medianEur: number;
  sigma: number;
  /** How often a card shops here compared with other categories. */
  popularity: number;
  /** Multiplies a card's online share; Infinity: online only, 0: at a terminal only. */
  onlineFactor: number;
}

/** Ticket sizes and habits by merchant category: groceries in tens, jewellery in hundreds. */
export const CATEGORY_PROFILES: Readonly<Record<Mcc, CategoryProfile>> = {
  '5411': { medianEur: 35, sigma: 0.6, popularity: 20, onlineFactor: 0.4 },
  '5812': { medianEur: 45, sigma: 0.5, popularity: 12, onlineFactor: 0.2 },
  '5814': { medianEur: 12, sigma: 0.4, popularity: 12, onlineFactor: 0.3 },
  '5541': { medianEur: 55, sigma: 0.35, popularity: 8, onlineFactor: 0 },
  '5311': { medianEur: 70, sigma: 0.7, popularity: 6, onlineFactor: 1 },
  '5912': { medianEur: 18, sigma: 0.6, popularity: 6, onlineFactor: 0.5 },
  '5732': { medianEur: 250, sigma: 0.8, popularity: 2, onlineFactor: 1.5 },
  '5944': { medianEur: 400, sigma: 0.8, popularity: 0.5, onlineFactor: 0.7 },
  '5815': { medianEur: 9, sigma: 0.7, popularity: 6, onlineFactor: Infinity },
  '4121': { medianEur: 22, sigma: 0.5, popularity: 6, onlineFactor: 1.2 },
  '4511': { medianEur: 320, sigma: 0.6, popularity: 1, onlineFactor: Infinity },
  '7011': { medianEur: 220, sigma: 0.6, popularity: 1, onlineFactor: 1.5 },
  '4829': { medianEur: 250, sigma: 0.9, popularity: 1, onlineFactor: 1.5 },
  '6051': { medianEur: 150, sigma: 0.8, popularity: 0.3, onlineFactor: 0.5 },
  '7995': { medianEur: 40, sigma: 0.9, popularity: 1, onlineFactor: Infinity },
};

/** Where account takeovers cash out: goods and money that are easy to resell or move. */
export const HIGH_RISK_MCCS: readonly Mcc[] = ['5732', '5944', '4829', '6051'];
export const DIGITAL_GOODS_MCC: Mcc = '5815';

/** Shops a card holder visits in person on an ordinary day. */
export const EVERYDAY_MCCS: readonly Mcc[] = ['5411', '5812', '5814', '5541', '5912', '5311'];

/** Categories a cloned card is used at in a shop. */
export const CARD_PRESENT_MCCS: readonly Mcc[] = (Object.keys(CATEGORY_PROFILES) as Mcc[]).filter(
  (mcc) => CATEGORY_PROFILES[mcc].onlineFactor !== Infinity,
);

export function categoryProfile(mcc: string): CategoryProfile {
  const profile = (CATEGORY_PROFILES as Readonly<Record<string, CategoryProfile>>)[mcc];
  if (!profile) throw new RangeError(`no profile for merchant category ${mcc}`);
  return profile;
}
