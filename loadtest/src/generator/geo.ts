import { CITIES, type City } from '@fraud/schemas';

export type Continent =
  'europe' | 'north_america' | 'south_america' | 'asia' | 'oceania' | 'africa';

const CONTINENT_BY_COUNTRY: Readonly<Record<string, Continent>> = {
  GB: 'europe',
  FR: 'europe',
  DE: 'europe',
  ES: 'europe',
  IT: 'europe',
  NL: 'europe',
  SE: 'europe',
  PL: 'europe',
  CH: 'europe',
  US: 'north_america',
  CA: 'north_america',
  MX: 'north_america',
  BR: 'south_america',
  JP: 'asia',
  SG: 'asia',
  IN: 'asia',
  AE: 'asia',
  AU: 'oceania',
  NG: 'africa',
  ZA: 'africa',
};

export function continentOf(country: string): Continent {
  const continent = CONTINENT_BY_COUNTRY[country];
  if (!continent) throw new RangeError(`no continent known for country ${country}`);
  return continent;
}

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The index in CITIES of the city nearest a point. Accounts store only a scattered home
 * location, so their home city is recovered this way (cities are hundreds of km apart, the
 * scatter is ~20 km).
 */
export function nearestCityIndex(point: { lat: number; lon: number }): number {
  let best = 0;
  let bestKm = Infinity;
  CITIES.forEach((city, i) => {
    const km = distanceKm(point, city);
    if (km < bestKm) {
      best = i;
      bestKm = km;
    }
  });
  return best;
}

export const cityAt = (index: number): City => {
  const city = CITIES[index];
  if (!city) throw new RangeError(`no city #${index}`);
  return city;
};

/** Rounded like the seed's coordinates (five decimals, about a metre). */
export const roundCoordinate = (value: number): number => Math.round(value * 1e5) / 1e5;
