import { categoryProfile, type Mcc } from '../categories.js';
import { between, intBetween } from '../random.js';
import { draft, ipGeo, onlineRequest, type OnlinePayer } from '../requests.js';
import { randomAddress } from '../ip-addresses.js';
import { opaqueId } from '../random.js';
import { burstTimes, byTime, fraudLabel, type IncidentBuilder } from './incident.js';

const TARGET_MCCS: readonly Mcc[] = ['5732', '5944', '5311', '5815', '7995', '6051', '4829'];

/** The window in which a compromised merchant runs its batch of stolen cards. */
export const COMPROMISED_MERCHANT_SPAN_MS = 10 * 60_000;

/**
 * Compromised merchant: a merchant (or whoever took over its gateway) charges a batch of
 * 10–40 stolen cards within ten minutes, all from one machine, each for nearly the same
 * unusual ticket, several times what the category normally sees.
 */
export const compromisedMerchant: IncidentBuilder = ({ world, random, startMs, incidentId }) => {
  const merchantIndex =
    world.merchants.ofCategories(random, TARGET_MCCS) ??
    world.merchants.onlineMerchant(random) ??
    0;
  const merchant = world.merchants.row(merchantIndex);
  const payer: OnlinePayer = {
    country: merchant.country,
    deviceFingerprint: opaqueId(random, 'fp'),
    ipAddress: randomAddress(random, merchant.country),
    geo: ipGeo(random, merchant),
  };
  const ticketEur = categoryProfile(merchant.mcc).medianEur * between(random, 3, 8);
  const wanted = Math.min(intBetween(random, 10, 40), world.cards.length);
  const cards = new Set<number>();
  while (cards.size < wanted) cards.add(Math.floor(random() * world.cards.length));
  const label = fraudLabel('compromised_merchant', incidentId);
  const times = burstTimes(
    random,
    startMs,
    cards.size,
    between(random, 3 * 60_000, COMPROMISED_MERCHANT_SPAN_MS),
  );
  const cardIndexes = [...cards];
  const payments = cardIndexes.map((cardIndex, k) => {
    const amountEur = ticketEur * between(random, 0.97, 1.03);
    const request = onlineRequest(world, cardIndex, merchantIndex, amountEur, payer);
    return draft(world, times[k] ?? startMs, cardIndex, merchantIndex, request, label);
  });
  return { pattern: 'compromised_merchant', incidentId, cardIndexes, payments: byTime(payments) };
};
