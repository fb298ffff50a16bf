import { CITIES, MERCHANT_CATEGORIES, type MerchantRow, type Prng } from '@fraud/schemas';
import { categoryProfile, type Mcc } from './categories.js';
import { cumulativeOf, weightedIndex } from './random.js';

const CATEGORY_CUMULATIVE = cumulativeOf(
  MERCHANT_CATEGORIES.map((c) => categoryProfile(c.mcc).popularity),
);
const MCCS: readonly Mcc[] = MERCHANT_CATEGORIES.map((c) => c.mcc);

const pickFrom = (random: Prng, list: readonly number[] | undefined): number | undefined =>
  list && list.length > 0 ? list[Math.floor(random() * list.length)] : undefined;

/** The seeded merchants, looked up by city and category. */
export class MerchantIndex {
  readonly rows: readonly MerchantRow[];
  /** Index in CITIES of each merchant's city. */
  readonly cityOf: Int32Array;
  readonly currencyOf: readonly string[];
  private readonly byCity: number[][];
  private readonly byCityAndMcc = new Map<string, number[]>();
  private readonly byMcc = new Map<string, number[]>();
  private readonly online: number[] = [];

  constructor(rows: readonly MerchantRow[]) {
    this.rows = rows;
    this.cityOf = new Int32Array(rows.length);
    this.byCity = CITIES.map(() => []);
    const cityByName = new Map<string, number>(CITIES.map((c, i) => [c.city, i]));
    const currencyOf: string[] = [];
    rows.forEach((m, i) => {
      const city = cityByName.get(m.city);
      if (city === undefined) throw new RangeError(`merchant ${m.id} is in an unknown city`);
      this.cityOf[i] = city;
      currencyOf.push(CITIES[city]?.currency ?? 'EUR');
      this.byCity[city]?.push(i);
      push(this.byCityAndMcc, `${city}:${m.mcc}`, i);
      push(this.byMcc, m.mcc, i);
      if (categoryProfile(m.mcc).onlineFactor >= 1) this.online.push(i);
    });
    this.currencyOf = currencyOf;
  }

  row(index: number): MerchantRow {
    const row = this.rows[index];
    if (!row) throw new RangeError(`no merchant #${index}`);
    return row;
  }

  /** A merchant of the city, categories weighted by how often people shop there. */
  localMerchant(random: Prng, city: number): number | undefined {
    const mcc = MCCS[weightedIndex(random, CATEGORY_CUMULATIVE)];
    return (
      pickFrom(random, this.byCityAndMcc.get(`${city}:${mcc}`)) ??
      pickFrom(random, this.byCity[city])
    );
  }

  /** A merchant anywhere that people commonly pay online (shops, travel, digital goods). */
  onlineMerchant(random: Prng): number | undefined {
    if (this.online.length > 0) return pickFrom(random, this.online);
    return this.rows.length > 0 ? Math.floor(random() * this.rows.length) : undefined;
  }

  /**
   * A merchant of one of the categories (a random one first, then the others in turn), in the
   * city when one is given; undefined when there is none.
   */
  ofCategories(random: Prng, mccs: readonly Mcc[], city?: number): number | undefined {
    const first = Math.floor(random() * mccs.length);
    for (let k = 0; k < mccs.length; k++) {
      const mcc = mccs[(first + k) % mccs.length];
      const list =
        city === undefined ? this.byMcc.get(`${mcc}`) : this.byCityAndMcc.get(`${city}:${mcc}`);
      const found = pickFrom(random, list);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  inCity(city: number): readonly number[] {
    return this.byCity[city] ?? [];
  }
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
