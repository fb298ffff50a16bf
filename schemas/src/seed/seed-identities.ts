import { createHash } from 'node:crypto';
import { luhnCheckDigit } from '@fraud/common';

export type SeedKind = 'account' | 'card' | 'merchant';

/**
 * The id of the n-th seeded row of a kind: a name-based UUID (SHA-1, version 5 layout), so a
 * re-run of the seed, the traffic generator and the tests all agree on ids without a lookup.
 */
export function seedId(kind: SeedKind, index: number): string {
  const hex = createHash('sha1').update(`fraud-seed:${kind}:${index}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(18, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

// Issuer prefixes reserved for the demo: six Visa, three Mastercard, one Amex in ten cards.
const PREFIXES = [
  { prefix: '400000', length: 16 },
  { prefix: '400000', length: 16 },
  { prefix: '400000', length: 16 },
  { prefix: '400000', length: 16 },
  { prefix: '400000', length: 16 },
  { prefix: '400000', length: 16 },
  { prefix: '510000', length: 16 },
  { prefix: '510000', length: 16 },
  { prefix: '510000', length: 16 },
  { prefix: '370000', length: 15 },
] as const;

/**
 * The clear card number of the n-th seeded card. Only the traffic generator and tests use it
 * (to send realistic requests); the database holds its token.
 */
export function seedCardNumber(index: number): string {
  const { prefix, length } = PREFIXES[index % PREFIXES.length] ?? PREFIXES[0];
  const body = `${prefix}${String(index).padStart(length - prefix.length - 1, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}
