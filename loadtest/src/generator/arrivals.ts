import { CITIES, type Prng } from '@fraud/schemas';
import { cityActivity, MINUTES_PER_DAY, MS_PER_MINUTE, utcMinuteOfDay } from './diurnal.js';
import { exponential, weightedIndex } from './random.js';
import type { World } from './world.js';

/**
 * When genuine payments happen and whose card pays: a Poisson process whose rate follows the
 * local time of day of each city's card holders. Rates are constant within a UTC minute, so
 * the process is sampled exactly by integrating rate over minutes (no rejection).
 */
export class Arrivals {
  private readonly perMinuteRate: Float64Array;
  private readonly cityCumulative: Float64Array[];
  private t: number;

  /**
   * @param meanPerSecond the rate averaged over a day; at any minute it is higher or lower
   *   depending on where in the world it is daytime for the cards.
   */
  constructor(
    private readonly world: World,
    private readonly random: Prng,
    startMs: number,
    meanPerSecond: number,
  ) {
    this.t = startMs;
    const total = world.cardPools.reduce((s, p) => s + p.length, 0);
    this.perMinuteRate = new Float64Array(MINUTES_PER_DAY);
    this.cityCumulative = [];
    for (let m = 0; m < MINUTES_PER_DAY; m++) {
      const cumulative = new Float64Array(CITIES.length);
      let sum = 0;
      for (let c = 0; c < CITIES.length; c++) {
        sum += ((world.cardPools[c]?.length ?? 0) / total) * cityActivity(c, m);
        cumulative[c] = sum;
      }
      this.cityCumulative.push(cumulative);
      // Payments per millisecond during this minute.
      this.perMinuteRate[m] = (meanPerSecond * sum) / 1000;
    }
  }

  /** The time of the next genuine payment, and its card. */
  next(): { at: number; cardIndex: number } {
    let need = exponential(this.random);
    for (;;) {
      const minute = utcMinuteOfDay(this.t);
      const rate = this.perMinuteRate[minute] ?? 0;
      const minuteEnd = (Math.floor(this.t / MS_PER_MINUTE) + 1) * MS_PER_MINUTE;
      const available = (minuteEnd - this.t) * rate;
      if (need <= available) {
        this.t += need / rate;
        const cumulative = this.cityCumulative[minute];
        const city = cumulative ? weightedIndex(this.random, cumulative) : 0;
        const pool = this.world.cardPools[city];
        const cardIndex = pool?.[Math.floor(this.random() * pool.length)] ?? 0;
        return { at: Math.floor(this.t), cardIndex };
      }
      need -= available;
      this.t = minuteEnd;
    }
  }
}
