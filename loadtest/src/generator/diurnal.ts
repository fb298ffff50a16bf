import { CITIES } from '@fraud/schemas';

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;

// Relative card activity by local hour: quiet nights, a lunch peak and a higher evening peak.
const HOURLY = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.05, 1.15, 1.3, 1.45, 1.35, 1.2, 1.15, 1.2,
  1.35, 1.5, 1.45, 1.2, 0.95, 0.7, 0.45,
];

/** Activity per local minute of the day, interpolated between hours, averaging exactly 1. */
export const ACTIVITY_BY_MINUTE: Float64Array = (() => {
  const table = new Float64Array(MINUTES_PER_DAY);
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const hour = Math.floor(m / 60);
    const next = (hour + 1) % 24;
    const f = (m % 60) / 60;
    table[m] = (HOURLY[hour] ?? 0) * (1 - f) + (HOURLY[next] ?? 0) * f;
  }
  const mean = table.reduce((s, v) => s + v, 0) / MINUTES_PER_DAY;
  return table.map((v) => v / mean);
})();

/**
 * Each city's offset from UTC in minutes, from its longitude (solar time, whole hours). Close
 * enough for a daily rhythm and needs no time-zone database.
 */
export const CITY_UTC_OFFSET_MINUTES: readonly number[] = CITIES.map(
  (c) => Math.round(c.lon / 15) * 60,
);

/** The UTC minute of the day (0–1439) an epoch time falls in. */
export function utcMinuteOfDay(epochMs: number): number {
  const minute = Math.floor(epochMs / MS_PER_MINUTE) % MINUTES_PER_DAY;
  return minute < 0 ? minute + MINUTES_PER_DAY : minute;
}

/** Activity of a city at a UTC minute of the day. */
export function cityActivity(cityIndex: number, utcMinute: number): number {
  const offset = CITY_UTC_OFFSET_MINUTES[cityIndex] ?? 0;
  const local = (((utcMinute + offset) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return ACTIVITY_BY_MINUTE[local] ?? 1;
}
