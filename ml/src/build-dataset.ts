import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTraffic, type GeneratedPayment } from '@fraud/loadtest';
import {
  accountRows,
  DEFAULT_SEED_SIZES,
  merchantRows,
  seedId,
  type SeedSizes,
} from '@fraud/schemas';
import {
  computeCardFeatures,
  FEATURES,
  FEATURE_NAMES,
  FEATURE_SET,
  type CardProfile,
  type EnrichedPayment,
} from '@fraud/streams/fraud';

export interface DatasetOptions {
  outDir: string;
  trainSeed: number;
  holdoutSeed: number;
  /** Days of traffic in the training set; the holdout gets half as many. */
  days?: number;
  /** Average payments per second of the generated traffic (per-card activity follows it). */
  paymentsPerSecond?: number;
  fraudRate?: number;
  sizes?: SeedSizes;
  onProgress?: (line: string) => void;
}

export interface DatasetResult {
  trainRows: number;
  holdoutRows: number;
}

// A fixed start so a seed gives the same dataset on every run and machine.
const START_MS = Date.UTC(2026, 0, 5);
const DAY_MS = 86_400_000;

/**
 * Builds the training and holdout sets: generated traffic (labelled fraud injected) turned into
 * features by the topology's own feature code, the events of each card in time order, as the
 * live topology sees them. CSV columns: the features in model order, label, pattern, card, at.
 */
export async function buildDataset(options: DatasetOptions): Promise<DatasetResult> {
  const {
    outDir,
    days = 1,
    paymentsPerSecond = 20,
    fraudRate = 0.01,
    sizes = DEFAULT_SEED_SIZES,
    onProgress = () => undefined,
  } = options;
  await mkdir(outDir, { recursive: true });
  const enrich = enricher(sizes);
  const write = (name: string, seed: number, durationMs: number) =>
    writeSet(join(outDir, name), seed, enrich, onProgress, {
      seed,
      startMs: START_MS,
      durationMs,
      paymentsPerSecond,
      fraudRate,
      sizes,
    });
  const train = await write('train.csv', options.trainSeed, days * DAY_MS);
  const holdout = await write('holdout.csv', options.holdoutSeed, (days * DAY_MS) / 2);
  await writeFile(
    join(outDir, 'dataset.json'),
    `${JSON.stringify(
      {
        featureSet: FEATURE_SET,
        featureNames: FEATURE_NAMES,
        featureDocs: Object.fromEntries(FEATURES),
        trainSeed: options.trainSeed,
        holdoutSeed: options.holdoutSeed,
        days,
        paymentsPerSecond,
        fraudRate,
        sizes,
        train,
        holdout,
      },
      null,
      2,
    )}\n`,
  );
  return { trainRows: train.rows, holdoutRows: holdout.rows };
}

interface SetSummary {
  rows: number;
  fraud: number;
  byPattern: Record<string, number>;
}

async function writeSet(
  path: string,
  seed: number,
  enrich: (p: GeneratedPayment) => EnrichedPayment,
  onProgress: (line: string) => void,
  traffic: Parameters<typeof generateTraffic>[0],
): Promise<SetSummary> {
  const out = createWriteStream(path);
  const summary: SetSummary = { rows: 0, fraud: 0, byPattern: {} };
  const profiles = new Map<number, CardProfile>();
  out.write(`${[...FEATURE_NAMES, 'label', 'pattern', 'card', 'at'].join(',')}\n`);
  let chunk = '';
  for (const generated of generateTraffic(traffic)) {
    const featured = computeCardFeatures(profiles.get(generated.cardIndex), enrich(generated));
    if (!featured) throw new RangeError(`no reference rate for ${generated.request.currency}`);
    profiles.set(generated.cardIndex, featured.profile);
    const { fraud, pattern } = generated.label;
    chunk += `${featured.features.join(',')},${fraud ? 1 : 0},${pattern ?? ''},${generated.cardIndex},${generated.at}\n`;
    summary.rows++;
    if (fraud && pattern) {
      summary.fraud++;
      summary.byPattern[pattern] = (summary.byPattern[pattern] ?? 0) + 1;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
    if (summary.rows % 200_000 === 0)
      onProgress(`${path}: ${summary.rows.toLocaleString('en')} payments (seed ${seed})`);
  }
  out.end(chunk);
  await once(out, 'finish');
  onProgress(
    `${path}: ${summary.rows.toLocaleString('en')} payments, ${summary.fraud.toLocaleString('en')} fraudulent`,
  );
  return summary;
}

/** The reference rows the stack seeds, joined to a generated payment as the topology joins them. */
function enricher(sizes: SeedSizes): (p: GeneratedPayment) => EnrichedPayment {
  const accounts = accountRows(sizes.accounts);
  const merchants = merchantRows(sizes.merchants);
  return ({ id, at, cardIndex, accountIndex, merchantIndex, request }) => {
    const account = accounts[accountIndex];
    const merchant = merchants[merchantIndex];
    if (!account || !merchant) throw new RangeError(`payment ${id} is outside the seeded rows`);
    return {
      payment: {
        paymentId: id,
        cardId: seedId('card', cardIndex),
        accountId: account.id,
        merchantId: merchant.id,
        cardLast4: request.cardNumber.slice(-4),
        amountMinor: request.amountMinor,
        currency: request.currency,
        channel: request.channel,
        country: request.country,
        lat: request.geo?.lat ?? null,
        lon: request.geo?.lon ?? null,
        deviceFingerprint: request.deviceFingerprint ?? null,
        eventTime: at,
      },
      enrichment: {
        // Seeded rows are all active; the issuer country is the account's (see the seed).
        account: {
          country: account.country,
          homeLat: account.homeLat,
          homeLon: account.homeLon,
          status: 'active',
        },
        card: { issuerCountry: account.country, status: 'active' },
        merchant: {
          mcc: merchant.mcc,
          country: merchant.country,
          lat: merchant.lat,
          lon: merchant.lon,
        },
      },
    };
  };
}
