/** Display formats shared by the views; the locale is the browser's. */

const minorDigitsCache = new Map<string, number>();

function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2; // an unknown code: show it as a two-decimal amount
    }
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** 12345 EUR minor units → "€123.45" (JPY has no minor unit, so 500 JPY → "¥500"). */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  const amount = amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

/** A score 0..1 as the analysts read it: 0.9731 → "0.973". */
export const formatScore = (score: number): string => score.toFixed(3);

/** Epoch ms or ISO time → "14:03:07" today, "3 Nov 14:03" otherwise. */
export function formatTime(at: number | string, now: Date = new Date(), locale?: string): string {
  const date = new Date(at);
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(locale, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      })
    : date.toLocaleString(locale, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      });
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(at: number | string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(at).getTime()) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** Feature names are snake_case model inputs: "txn_count_1h" → "txn count 1h". */
export const humanize = (name: string): string => name.replaceAll('_', ' ');

/** Feature values: integers as they are, fractions to 3 significant decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3);
}
