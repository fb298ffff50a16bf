import { CITIES } from '@fraud/schemas';
import { DIGITAL_GOODS_MCC } from '../categories.js';
import { between, intBetween } from '../random.js';
import { draft, onlineRequest } from '../requests.js';
import {
  burstTimes,
  byTime,
  fraudLabel,
  fraudsterOnline,
  randomCard,
  type IncidentBuilder,
} from './incident.js';

/** Amounts a tester uses to see whether a stolen number is live: well under two euros. */
export const CARD_TESTING_MAX_EUR = 1.95;

/**
 * Card testing: a bot tries a stolen number with a burst of 5–20 tiny online payments within
 * a few minutes, mostly at digital-goods merchants, from an unknown device, usually abroad.
 */
export const cardTesting: IncidentBuilder = ({ world, random, startMs, incidentId }) => {
  const card = world.card(randomCard(random, world));
  const merchants = [0, 1].map(() =>
    random() < 0.7
      ? (world.merchants.ofCategories(random, [DIGITAL_GOODS_MCC]) ??
        world.merchants.onlineMerchant(random))
      : world.merchants.onlineMerchant(random),
  );
  const twoMerchants = random() < 0.25;
  const country = CITIES[Math.floor(random() * CITIES.length)]?.country ?? card.country;
  const payer = fraudsterOnline(random, country);
  const label = fraudLabel('card_testing', incidentId);
  const times = burstTimes(
    random,
    startMs,
    intBetween(random, 5, 20),
    between(random, 1, 5) * 60_000,
  );
  const payments = times.map((at, k) => {
    const merchantIndex = (twoMerchants && k % 2 === 1 ? merchants[1] : merchants[0]) ?? 0;
    // Testers like round probes (1.00) as much as random cents.
    const amountEur = random() < 0.3 ? 1 : between(random, 0.1, CARD_TESTING_MAX_EUR);
    const request = onlineRequest(world, card.index, merchantIndex, amountEur, payer);
    return draft(world, at, card.index, merchantIndex, request, label);
  });
  return {
    pattern: 'card_testing',
    incidentId,
    cardIndexes: [card.index],
    payments: byTime(payments),
  };
};
