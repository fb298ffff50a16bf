import { CITIES } from '@fraud/schemas';
import { HIGH_RISK_MCCS, type Mcc } from '../categories.js';
import { between, intBetween, pickOne } from '../random.js';
import { draft, onlineRequest } from '../requests.js';
import {
  byTime,
  citiesWhere,
  fraudLabel,
  fraudsterOnline,
  randomCard,
  type IncidentBuilder,
} from './incident.js';

/** A takeover spends at least this many times the card's usual ticket. */
export const TAKEOVER_MIN_MULTIPLE = 3.5;

const TAKEOVER_MCCS: readonly Mcc[] = [...HIGH_RISK_MCCS, '5311', '4511'];

/**
 * Account takeover: someone logs in as the holder from a new device and spends fast, several
 * times the card's usual ticket, at merchants the card never used, often abroad and in
 * categories that are easy to resell or move (electronics, jewellery, transfers, quasi-cash).
 */
export const accountTakeover: IncidentBuilder = ({ world, random, startMs, incidentId }) => {
  const card = world.card(randomCard(random, world));
  const foreignCities = citiesWhere((c) => c.country !== card.country);
  // Half the takeovers come through a proxy in the holder's own country.
  const fraudsterCity = random() < 0.5 ? pickOne(random, foreignCities) : card.cityIndex;
  const country = CITIES[fraudsterCity ?? card.cityIndex]?.country ?? card.country;
  const payer = fraudsterOnline(random, country);
  const label = fraudLabel('account_takeover', incidentId);
  const count = intBetween(random, 2, 6);
  const payments = [];
  let at = startMs;
  for (let k = 0; k < count; k++) {
    const mccs = random() < 0.8 ? HIGH_RISK_MCCS : TAKEOVER_MCCS;
    const city = random() < 0.6 ? pickOne(random, foreignCities) : card.cityIndex;
    let merchantIndex: number | undefined;
    for (let attempt = 0; attempt < 10 && merchantIndex === undefined; attempt++) {
      const candidate =
        world.merchants.ofCategories(random, mccs, city) ??
        world.merchants.ofCategories(random, mccs);
      if (candidate !== undefined && !card.favourites.includes(candidate)) {
        merchantIndex = candidate;
      }
    }
    if (merchantIndex === undefined) continue;
    const amountEur = card.typicalEur * between(random, TAKEOVER_MIN_MULTIPLE, 10);
    const request = onlineRequest(world, card.index, merchantIndex, amountEur, payer);
    payments.push(draft(world, at, card.index, merchantIndex, request, label));
    at += Math.floor(between(random, 1, 15) * 60_000);
  }
  const cardIndexes = payments.length > 0 ? [card.index] : [];
  return { pattern: 'account_takeover', incidentId, cardIndexes, payments: byTime(payments) };
};
