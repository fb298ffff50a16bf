import { createHmac } from 'node:crypto';

/** True when a string of digits passes the Luhn (mod 10) check every card number carries. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `body` into a valid number. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(`${body}${d}`)) return String(d);
  throw new RangeError(`not a digit string: ${body.length} characters`);
}

/**
 * A stable, non-reversible token for a card number: HMAC-SHA256 under a secret key, in
 * base64url. Base64url rather than hex because hex digests often contain long digit runs,
 * which PAN scanners (and our own leak tests) would flag as card numbers.
 */
export function tokenizePan(pan: string, key: string): string {
  return `tok_${createHmac('sha256', key).update(pan).digest('base64url')}`;
}

// A bare run of 13-19 digits, or the printed groupings (4-4-4-4[-3], Amex 4-6-5) with one kind of
// separator, standing alone. Looser patterns flag UUIDs, whose hex groups can be all digits.
const CANDIDATE =
  /(?<!\d)\d{13,19}(?!\d)|(?<![\w-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w-])/g;

/** Luhn-valid 13–19 digit sequences in a text: what a leaked card number looks like. */
export function findPans(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) found.push(digits);
  }
  return found;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'other';

/** The card scheme from the leading digits (IIN ranges), for display and features only. */
export function cardBrand(pan: string): CardBrand {
  if (/^4/.test(pan)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(pan)) return 'mastercard';
  if (/^3[47]/.test(pan)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(pan)) return 'discover';
  return 'other';
}

/**
 * Card numbers anywhere in a parsed JSON value: in every string (keys included) and in every
 * integer, except integers under `ignoreKeys`. Scanning structured values rather than raw text
 * keeps timestamps (`time`, `ts_ms`) and float digits out of the way of the Luhn test.
 */
export function findPansInJson(
  value: unknown,
  ignoreKeys: ReadonlySet<string> = new Set(),
): string[] {
  const found: string[] = [];
  const walk = (v: unknown, key: string | undefined): void => {
    if (typeof v === 'string') found.push(...findPans(v));
    else if (typeof v === 'number' && Number.isInteger(v) && !(key && ignoreKeys.has(key))) {
      found.push(...findPans(String(v)));
    } else if (Array.isArray(v)) v.forEach((item) => walk(item, key));
    else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        found.push(...findPans(k));
        walk(child, k);
      }
    }
  };
  walk(value, undefined);
  return found;
}
