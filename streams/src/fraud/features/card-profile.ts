/**
 * What the topology remembers about a card between payments: bucketed activity for the
 * windowed counts, running amount statistics, and the most recent merchants, countries,
 * devices and card-present location. Bounded in size whatever the card's traffic, because
 * it is rewritten (store + changelog) on every payment.
 */
export interface CardProfile {
  /** Payments seen before this one. */
  n: number;
  /** Welford running mean and sum of squares of log1p(amount in EUR). */
  meanLog: number;
  m2Log: number;
  lastAt: number | null;
  /** [minute index, count, sum EUR, small-amount count] for the last hour. */
  minutes: [number, number, number, number][];
  /** [hour index, count, sum EUR] for the last day. */
  hours: [number, number, number][];
  /** Recent merchants / countries / devices with the last time each was seen. */
  merchants: [string, number][];
  countries: [string, number][];
  devices: [string, number][];
  /** The last card-present payment with a location: [time, lat, lon]. */
  lastPresent: [number, number, number] | null;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const LIMITS = { merchants: 24, countries: 8, devices: 4 } as const;

export const emptyProfile = (): CardProfile => ({
  n: 0,
  meanLog: 0,
  m2Log: 0,
  lastAt: null,
  minutes: [],
  hours: [],
  merchants: [],
  countries: [],
  devices: [],
  lastPresent: null,
});

export interface ProfileUpdate {
  at: number;
  amountEur: number;
  small: boolean;
  merchantId: string;
  country: string;
  device: string | null;
  present: { lat: number; lon: number } | null;
}

/** The profile after one more payment; the input is not modified. */
export function updateProfile(profile: CardProfile, u: ProfileUpdate): CardProfile {
  const x = Math.log1p(u.amountEur);
  const n = profile.n + 1;
  const delta = x - profile.meanLog;
  const meanLog = profile.meanLog + delta / n;
  const minute = Math.floor(u.at / MINUTE_MS);
  const hour = Math.floor(u.at / HOUR_MS);
  return {
    n,
    meanLog,
    m2Log: profile.m2Log + delta * (x - meanLog),
    lastAt: profile.lastAt === null ? u.at : Math.max(profile.lastAt, u.at),
    minutes: addToBucket(profile.minutes, minute, 60, [1, u.amountEur, u.small ? 1 : 0]),
    hours: addToBucket(profile.hours, hour, 24, [1, u.amountEur]),
    merchants: remember(profile.merchants, u.merchantId, u.at, LIMITS.merchants),
    countries: remember(profile.countries, u.country, u.at, LIMITS.countries),
    devices: u.device ? remember(profile.devices, u.device, u.at, LIMITS.devices) : profile.devices,
    lastPresent:
      u.present && (profile.lastPresent === null || u.at >= profile.lastPresent[0])
        ? [u.at, u.present.lat, u.present.lon]
        : profile.lastPresent,
  };
}

/** Adds to the bucket `index`, keeping only buckets within `span` of the newest one. */
function addToBucket<B extends [number, ...number[]]>(
  buckets: B[],
  index: number,
  span: number,
  add: number[],
): B[] {
  const newest = Math.max(index, buckets.at(-1)?.[0] ?? index);
  const kept = buckets.filter((b) => b[0] > newest - span);
  if (index <= newest - span) return kept; // older than anything still tracked
  const at = kept.findIndex((b) => b[0] >= index);
  const existing = at === -1 ? undefined : kept[at];
  if (existing?.[0] === index) {
    const sum = existing.map((v, i) => (i === 0 ? v : v + (add[i - 1] ?? 0))) as B;
    return kept.map((b) => (b === existing ? sum : b));
  }
  const bucket = [index, ...add] as B;
  if (at === -1) return [...kept, bucket];
  return [...kept.slice(0, at), bucket, ...kept.slice(at)];
}

/** Most recently seen first, at most `limit` entries. */
function remember(seen: [string, number][], id: string, at: number, limit: number) {
  const last = Math.max(at, seen.find(([s]) => s === id)?.[1] ?? at);
  return [[id, last] as [string, number], ...seen.filter(([s]) => s !== id)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
}

/** Sum of column `column` over buckets with index in [from, to]. */
export function sumBuckets(
  buckets: readonly (readonly [number, ...number[]])[],
  from: number,
  to: number,
  column: number,
) {
  let total = 0;
  for (const b of buckets) if (b[0] >= from && b[0] <= to) total += b[column] ?? 0;
  return total;
}
