import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small dataset in the layout the dataset builder writes (dataset.json, train.csv,
 * holdout.csv), so train.py can be tested in seconds without generating traffic. Each fraud
 * pattern shifts its own feature, with noise and benign look-alikes so the model has work to do.
 */
export interface SyntheticOptions {
  dir: string;
  trainRows: number;
  holdoutRows: number;
  fraudRate: number;
  /** When false, labels are independent of the features: nothing can be learnt. */
  learnable: boolean;
}

export const SYNTHETIC_FEATURES = [
  'amount_log',
  'count_10m',
  'km_from_prev',
  'merchant_fraud_rate',
  'night',
  'account_age_log',
] as const;
export const SYNTHETIC_PATTERNS = [
  'card_testing',
  'account_takeover',
  'impossible_travel',
  'compromised_merchant',
] as const;

/** mulberry32: a tiny seeded PRNG, so a seed gives the same file on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rows(seed: number, count: number, options: SyntheticOptions): string {
  const random = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = [[...SYNTHETIC_FEATURES, 'label', 'pattern', 'card', 'at'].join(',')];
  for (let i = 0; i < count; i++) {
    const f = [
      3.5 + normal(),
      Math.floor(random() * 3),
      Math.abs(normal()) * 10,
      random() * 0.01,
      random() < 0.15 ? 1 : 0,
      6 + normal(),
    ];
    // Benign look-alikes: a traveller, a burst of small purchases.
    if (random() < 0.01) f[2] = 500 + random() * 2000;
    if (random() < 0.01) f[1] = 4 + Math.floor(random() * 4);
    const fraud = random() < options.fraudRate;
    const pattern = fraud ? SYNTHETIC_PATTERNS[Math.floor(random() * 4)] : undefined;
    if (options.learnable && pattern !== undefined) {
      const strength = 0.6 + random() * 0.8;
      if (pattern === 'card_testing') {
        f[0] = 0.5 + normal() * 0.5;
        f[1] = 3 + Math.floor(random() * 10 * strength);
      } else if (pattern === 'account_takeover') {
        f[0] = 6.5 + normal() * 0.5 * strength;
        f[4] = random() < 0.9 ? 1 : 0;
        f[5] = 3.5 + normal() * 0.5;
      } else if (pattern === 'impossible_travel') {
        f[2] = 3000 + random() * 8000 * strength;
      } else {
        f[3] = 0.02 + random() * 0.1 * strength;
      }
    }
    const card = Math.floor(random() * count * 0.2);
    const at = 1_767_571_200_000 + i * 1000;
    lines.push(`${f.join(',')},${fraud ? 1 : 0},${pattern ?? ''},${card},${at}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the three files into `dir`; returns the feature set name. */
export function writeSyntheticDataset(options: SyntheticOptions): string {
  const featureSet = options.learnable ? 'test-v1' : 'test-noise-v1';
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(join(options.dir, 'train.csv'), rows(11, options.trainRows, options));
  writeFileSync(join(options.dir, 'holdout.csv'), rows(12, options.holdoutRows, options));
  const dataset = {
    featureSet,
    featureNames: SYNTHETIC_FEATURES,
    featureDocs: Object.fromEntries(SYNTHETIC_FEATURES.map((n) => [n, `test feature ${n}`])),
    trainSeed: 11,
    holdoutSeed: 12,
    rows: { train: options.trainRows, holdout: options.holdoutRows },
  };
  writeFileSync(join(options.dir, 'dataset.json'), `${JSON.stringify(dataset, null, 2)}\n`);
  return featureSet;
}
