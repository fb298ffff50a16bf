import { CITIES, type City, type Prng } from '@fraud/schemas';
import type { FraudPattern, GeneratedPayment, PaymentLabel } from '../generated-payment.js';
import { randomAddress } from '../ip-addresses.js';
import { opaqueId } from '../random.js';
import { ipGeo, type OnlinePayer } from '../requests.js';
import type { World } from '../world.js';

export interface IncidentContext {
  world: World;
  random: Prng;
  startMs: number;
  incidentId: string;
}

/** One fraud incident: its payments in time order (fraudulent ones labelled) and its victims. */
export interface Incident {
  pattern: FraudPattern;
  incidentId: string;
  /** Cards with at least one fraudulent payment in the incident. */
  cardIndexes: number[];
  /** Time-ordered; may include genuine payments that set the scene (labelled benign). */
  payments: GeneratedPayment[];
}

export type IncidentBuilder = (context: IncidentContext) => Incident;

export const fraudLabel = (pattern: FraudPattern, incidentId: string): PaymentLabel => ({
  fraud: true,
  pattern,
  incidentId,
});

export const randomCard = (random: Prng, world: World): number =>
  Math.floor(random() * world.cards.length);

/** Indexes in CITIES of the cities that pass `keep`. */
export const citiesWhere = (keep: (city: City) => boolean): number[] =>
  CITIES.flatMap((city, i) => (keep(city) ? [i] : []));

/** A fraudster online: an unknown device and an address (and IP location) in `country`. */
export function fraudsterOnline(random: Prng, country: string): OnlinePayer {
  const cities = CITIES.filter((c) => c.country === country);
  const place = cities[Math.floor(random() * cities.length)] ?? CITIES[0];
  return {
    country,
    deviceFingerprint: opaqueId(random, 'fp'),
    ipAddress: randomAddress(random, country),
    geo: ipGeo(random, place),
  };
}

/** `count` times from `startMs` on, sorted, spread over `spanMs` (the first at the start). */
export function burstTimes(random: Prng, startMs: number, count: number, spanMs: number) {
  const times = [startMs];
  for (let k = 1; k < count; k++) times.push(startMs + Math.floor(random() * spanMs));
  return times.sort((a, b) => a - b);
}

export function byTime(payments: GeneratedPayment[]): GeneratedPayment[] {
  return payments.sort((a, b) => a.at - b.at);
}
