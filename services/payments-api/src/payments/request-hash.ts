import { createHmac } from 'node:crypto';

/** JSON with keys sorted at every level, so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of a payment request, stored with its Idempotency-Key to spot a key reused for
 * another request. Keyed (HMAC) and computed over the card token, not the number: the hash is
 * in the CDC events, and a plain hash of a body holding a PAN could be brute-forced back to it.
 */
export const requestHash = (request: unknown, key: string): string =>
  createHmac('sha256', key).update(canonicalJson(request)).digest('base64url');
