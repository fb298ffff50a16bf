/**
 * Fixed reference rates to EUR and minor units per currency, so amounts compare across
 * currencies. Fixed on purpose: features must be a pure function of the events (a replay, the
 * training set and the live topology compute the same values); a daily-rates table would be
 * an enrichment with its own versioning. Approximate mid-market rates, late 2025.
 */
const CURRENCIES: Readonly<Record<string, readonly [eurPerUnit: number, minorUnits: number]>> = {
  AED: [0.2345, 2],
  ARS: [0.00072, 2],
  AUD: [0.565, 2],
  BRL: [0.16, 2],
  CAD: [0.615, 2],
  CHF: [1.07, 2],
  CLP: [0.00091, 0],
  CNY: [0.12, 2],
  COP: [0.00022, 2],
  CZK: [0.0405, 2],
  DKK: [0.134, 2],
  EGP: [0.0178, 2],
  EUR: [1, 2],
  GBP: [1.14, 2],
  HKD: [0.11, 2],
  HUF: [0.00258, 2],
  IDR: [0.000052, 2],
  ILS: [0.26, 2],
  INR: [0.0097, 2],
  JPY: [0.0056, 0],
  KES: [0.0066, 2],
  KRW: [0.00059, 0],
  KWD: [2.8, 3],
  MXN: [0.047, 2],
  MYR: [0.205, 2],
  NGN: [0.00059, 2],
  NOK: [0.085, 2],
  NZD: [0.49, 2],
  PHP: [0.0147, 2],
  PLN: [0.236, 2],
  RON: [0.197, 2],
  SAR: [0.23, 2],
  SEK: [0.091, 2],
  SGD: [0.665, 2],
  THB: [0.0266, 2],
  TRY: [0.0203, 2],
  TWD: [0.0275, 2],
  UAH: [0.0206, 2],
  USD: [0.86, 2],
  VND: [0.0000327, 0],
  ZAR: [0.05, 2],
};

export function isKnownCurrency(code: string): boolean {
  return code in CURRENCIES;
}

/** The amount in EUR; `undefined` for a currency outside the table. */
export function amountInEur(amountMinor: number, currency: string): number | undefined {
  const entry = CURRENCIES[currency];
  if (!entry) return undefined;
  const [rate, minorUnits] = entry;
  return (amountMinor / 10 ** minorUnits) * rate;
}
