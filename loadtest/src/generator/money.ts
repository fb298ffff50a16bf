/**
 * The currencies of the seeded cities: minor-unit exponent (as in the `currencies` table of
 * schemas/migrations/0001_reference_data.sql) and a rough rate in units per euro, so amounts
 * can be reasoned about in euros and sent in each merchant's own currency.
 */
const CURRENCIES: Readonly<Record<string, { exponent: number; perEuro: number }>> = {
  GBP: { exponent: 2, perEuro: 0.85 },
  EUR: { exponent: 2, perEuro: 1 },
  SEK: { exponent: 2, perEuro: 11.5 },
  PLN: { exponent: 2, perEuro: 4.3 },
  CHF: { exponent: 2, perEuro: 0.95 },
  USD: { exponent: 2, perEuro: 1.08 },
  CAD: { exponent: 2, perEuro: 1.47 },
  MXN: { exponent: 2, perEuro: 18.5 },
  BRL: { exponent: 2, perEuro: 5.5 },
  JPY: { exponent: 0, perEuro: 160 },
  SGD: { exponent: 2, perEuro: 1.45 },
  AUD: { exponent: 2, perEuro: 1.65 },
  INR: { exponent: 2, perEuro: 90 },
  AED: { exponent: 2, perEuro: 3.97 },
  NGN: { exponent: 2, perEuro: 1600 },
  ZAR: { exponent: 2, perEuro: 20 },
};

function currency(code: string) {
  const found = CURRENCIES[code];
  if (!found) throw new RangeError(`no exchange data for currency ${code}`);
  return found;
}

/** Euros to an integer amount in minor units of `code` (never below one minor unit). */
export function eurToMinor(eur: number, code: string): number {
  const { exponent, perEuro } = currency(code);
  return Math.max(1, Math.round(eur * perEuro * 10 ** exponent));
}

/** The inverse, for tests and reports: an amount in minor units of `code`, in euros. */
export function minorToEur(amountMinor: number, code: string): number {
  const { exponent, perEuro } = currency(code);
  return amountMinor / 10 ** exponent / perEuro;
}

export const minorUnits = (code: string): number => currency(code).exponent;
