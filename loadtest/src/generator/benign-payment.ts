import type { Prng } from '@fraud/schemas';
import { categoryProfile, EVERYDAY_MCCS } from './categories.js';
import { BENIGN, type GeneratedPayment } from './generated-payment.js';
import { addressIn } from './ip-addresses.js';
import { logNormal } from './random.js';
import { cardPresentRequest, draft, ipGeo, onlineRequest } from './requests.js';
import type { CardProfile } from './card-profile.js';
import type { World } from './world.js';

/** An everyday ticket at a merchant of this category, for this card's spend level. */
export function usualAmountEur(random: Prng, card: CardProfile, mcc: string): number {
  const { medianEur, sigma } = categoryProfile(mcc);
  return Math.max(0.3, logNormal(random, medianEur * card.spendLevel, sigma));
}

function chooseMerchant(random: Prng, world: World, card: CardProfile): number | undefined {
  const favourite = card.favourites[Math.floor(random() * card.favourites.length)];
  if (favourite !== undefined && random() < 0.75) return favourite;
  return random() < 0.92
    ? (world.merchants.localMerchant(random, card.cityIndex) ??
        world.merchants.onlineMerchant(random))
    : world.merchants.onlineMerchant(random);
}

/**
 * An ordinary payment of the card: a favourite or a local merchant, at a terminal in the home
 * city or online from home. Never at a terminal elsewhere, so a card's genuine card-present
 * trail stays in one metropolitan area and impossible travel only comes from the fraud.
 */
export function benignPayment(
  random: Prng,
  world: World,
  card: CardProfile,
  at: number,
): GeneratedPayment {
  const merchantIndex = chooseMerchant(random, world, card) ?? 0;
  const merchant = world.merchants.row(merchantIndex);
  const amountEur = usualAmountEur(random, card, merchant.mcc);
  const local = world.merchants.cityOf[merchantIndex] === card.cityIndex;
  const online = !local || random() < card.onlineShare * categoryProfile(merchant.mcc).onlineFactor;
  const request = online
    ? onlineRequest(world, card.index, merchantIndex, amountEur, {
        country: card.country,
        deviceFingerprint:
          random() < 0.8 ? card.devices[0] : (card.devices.at(-1) ?? card.devices[0]),
        ipAddress: addressIn(card.network, 2 + Math.floor(random() * 3)),
        geo: ipGeo(random, card.home),
      })
    : cardPresentRequest(world, card.index, merchantIndex, amountEur);
  return draft(world, at, card.index, merchantIndex, request, BENIGN);
}

/** A genuine purchase at a shop of the home city, if the city has one. */
export function benignCardPresent(
  random: Prng,
  world: World,
  card: CardProfile,
  at: number,
): GeneratedPayment | undefined {
  const merchantIndex = world.merchants.ofCategories(random, EVERYDAY_MCCS, card.cityIndex);
  if (merchantIndex === undefined) return undefined;
  const amountEur = usualAmountEur(random, card, world.merchants.row(merchantIndex).mcc);
  return draft(
    world,
    at,
    card.index,
    merchantIndex,
    cardPresentRequest(world, card.index, merchantIndex, amountEur),
    BENIGN,
  );
}
