import type { Prng } from '@fraud/schemas';
import { intBetween } from './random.js';

/**
 * First octets of public IPv4 ranges per country: not a real geolocation database, but every
 * address is syntactically valid, public (no private or reserved ranges) and consistent per
 * country, which is what the features and the API need.
 */
const FIRST_OCTETS: Readonly<Record<string, readonly number[]>> = {
  GB: [81, 86],
  FR: [90, 92],
  DE: [84, 91],
  ES: [83, 88],
  IT: [79, 93],
  NL: [77, 145],
  SE: [78, 94],
  PL: [89, 178],
  CH: [85, 195],
  US: [24, 73, 98],
  CA: [99, 142],
  MX: [187, 189],
  BR: [177, 179],
  JP: [126, 133],
  SG: [116, 118],
  AU: [101, 110],
  IN: [49, 117],
  AE: [5, 217],
  NG: [41, 102],
  ZA: [105, 196],
};

function octetsOf(country: string): readonly number[] {
  const octets = FIRST_OCTETS[country];
  if (!octets) throw new RangeError(`no IP ranges known for country ${country}`);
  return octets;
}

/** A household's address: fixed first three octets, chosen once per card. */
export function homeNetwork(random: Prng, country: string): readonly [number, number, number] {
  const octets = octetsOf(country);
  return [
    octets[intBetween(random, 0, octets.length - 1)] ?? 1,
    intBetween(random, 0, 255),
    intBetween(random, 0, 255),
  ];
}

export const addressIn = (network: readonly [number, number, number], host: number): string =>
  `${network[0]}.${network[1]}.${network[2]}.${host}`;

/** Any address of a country, for payers other than the card holder. */
export const randomAddress = (random: Prng, country: string): string =>
  addressIn(homeNetwork(random, country), intBetween(random, 1, 254));
