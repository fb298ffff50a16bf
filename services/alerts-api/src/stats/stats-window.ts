const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** The longest window: the scored-payments table keeps a week, but a day is plenty to chart. */
export const MAX_WINDOW_MS = 24 * 3_600_000;
export const WINDOW_PATTERN = '^[1-9][0-9]{0,4}[smh]$';

/** `15m` → 900000; undefined for a malformed or too long window. */
export function parseWindow(window: string): number | undefined {
  const match = /^([1-9][0-9]{0,4})([smh])$/.exec(window);
  if (!match?.[1] || !match[2]) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= 60_000 && ms <= MAX_WINDOW_MS ? ms : undefined;
}

/** Every minute start in [from, to), so a chart has a point for minutes without alerts. */
export function minutesBetween(from: Date, to: Date): Date[] {
  const minutes: Date[] = [];
  const first = Math.floor(from.getTime() / 60_000) * 60_000;
  for (let t = first; t < to.getTime(); t += 60_000) minutes.push(new Date(t));
  return minutes;
}
