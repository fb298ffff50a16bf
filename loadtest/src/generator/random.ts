import { createPrng, type Prng } from '@fraud/schemas';

/**
 * A seed for one independent stream of a run (arrivals, incidents, a card's profile), so adding
 * a draw to one stream never shifts the numbers of another.
 */
export function deriveSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  const mix = (word: number) => {
    h = Math.imul(h ^ word, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  };
  // Both halves of a safe integer, so seeds 1 and 2^32 + 1 differ.
  for (const part of parts) {
    mix(part >>> 0);
    mix(Math.floor(part / 2 ** 32) >>> 0);
  }
  return h >>> 0;
}

export const streamPrng = (...parts: readonly number[]): Prng => createPrng(deriveSeed(...parts));

export const between = (random: Prng, min: number, max: number): number =>
  min + random() * (max - min);

/** An integer in [min, max], both included. */
export const intBetween = (random: Prng, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** Standard normal variate (Box-Muller); amounts and spend levels are log-normal around it. */
export function normal(random: Prng): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export const logNormal = (random: Prng, median: number, sigma: number): number =>
  median * Math.exp(sigma * normal(random));

/** Exponential waiting time with mean 1: the gap between Poisson arrivals, in rate units. */
export const exponential = (random: Prng): number => -Math.log(1 - random());

// No 0/1/i/l/o: device ids must not contain long digit runs (PAN scanners downstream flag those).
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** An opaque id such as `fp-k3mzq8-v2xrta-...`: printable ASCII, never a long digit run. */
export function opaqueId(random: Prng, prefix: string, groups = 3): string {
  let id = prefix;
  for (let g = 0; g < groups; g++) {
    id += '-';
    for (let c = 0; c < 6; c++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  }
  return id;
}

/** A uniform choice; undefined from an empty list. */
export const pickOne = <T>(random: Prng, items: readonly T[]): T | undefined =>
  items[Math.floor(random() * items.length)];

/** A weighted choice: `weights[i]` is the relative chance of index i. */
export function weightedIndex(random: Prng, cumulative: Float64Array): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const x = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
