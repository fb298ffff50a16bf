import { benignCardPresent } from '../benign-payment.js';
import { categoryProfile, type Mcc } from '../categories.js';
import { continentOf } from '../geo.js';
import { between, intBetween, pickOne } from '../random.js';
import { cardPresentRequest, draft } from '../requests.js';
import { citiesWhere, fraudLabel, randomCard, type IncidentBuilder } from './incident.js';

const CLONED_CARD_MCCS: readonly Mcc[] = ['5732', '5944', '5311', '5411', '5541', '5812'];

/** The longest gap between the genuine purchase and the first use of the clone. */
export const IMPOSSIBLE_TRAVEL_MAX_GAP_MS = 60 * 60_000;

/**
 * Impossible travel: the holder pays at a shop at home, then a cloned card is used at a
 * terminal on another continent minutes to an hour later (once to three times). The genuine
 * purchase is part of the incident, labelled benign, so the pair is always in the stream.
 */
export const impossibleTravel: IncidentBuilder = ({ world, random, startMs, incidentId }) => {
  for (let attempt = 0; attempt < 50; attempt++) {
    const card = world.card(randomCard(random, world));
    const genuine = benignCardPresent(random, world, card, startMs);
    if (!genuine) continue;
    const home = continentOf(card.country);
    const city = pickOne(
      random,
      citiesWhere((c) => continentOf(c.country) !== home),
    );
    if (city === undefined) continue;
    const label = fraudLabel('impossible_travel', incidentId);
    const payments = [genuine];
    let at = startMs + Math.floor(between(random, 5 * 60_000, IMPOSSIBLE_TRAVEL_MAX_GAP_MS));
    const count = intBetween(random, 1, 3);
    for (let k = 0; k < count; k++) {
      const merchantIndex = world.merchants.ofCategories(random, CLONED_CARD_MCCS, city);
      if (merchantIndex === undefined) break;
      const { medianEur } = categoryProfile(world.merchants.row(merchantIndex).mcc);
      const request = cardPresentRequest(
        world,
        card.index,
        merchantIndex,
        medianEur * between(random, 1, 4),
      );
      payments.push(draft(world, at, card.index, merchantIndex, request, label));
      at += Math.floor(between(random, 2, 20) * 60_000);
    }
    if (payments.length === 1) continue;
    return { pattern: 'impossible_travel', incidentId, cardIndexes: [card.index], payments };
  }
  return { pattern: 'impossible_travel', incidentId, cardIndexes: [], payments: [] };
};
