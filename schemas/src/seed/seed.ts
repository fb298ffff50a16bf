import pg from 'pg';
import type { Logger } from '@fraud/common';
import {
  accountRows,
  cardRows,
  DEFAULT_SEED_SIZES,
  merchantRows,
  type SeedSizes,
} from './reference-rows.js';

export interface SeedOptions {
  databaseUrl: string;
  /** The key payments-api tokenizes card numbers with; seeded tokens must match it. */
  panTokenKey: string;
  logger: Logger;
  sizes?: SeedSizes;
}

export interface SeedResult {
  accounts: number;
  cards: number;
  merchants: number;
  ms: number;
}

const BATCH = 10_000;

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * Writes the deterministic reference data: accounts, cards and merchants. Each batch is one
 * INSERT ... SELECT FROM unnest(arrays), so 50,000 cards take a handful of round trips.
 * Re-running is cheap and harmless: rows keep their ids; only card tokens are rewritten, and
 * only when the tokenization key changed.
 */
export async function seedReferenceData({
  databaseUrl,
  panTokenKey,
  logger,
  sizes = DEFAULT_SEED_SIZES,
}: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const accounts = accountRows(sizes.accounts);
  const cards = cardRows(sizes, accounts, panTokenKey);
  const merchants = merchantRows(sizes.merchants);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = { accounts: 0, cards: 0, merchants: 0 };
  try {
    await client.query('BEGIN');
    for (const b of batches(accounts)) {
      const r = await client.query(
        `INSERT INTO accounts (id, holder_name, country, home_lat, home_lon)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::char(2)[], $4::float8[], $5::float8[])
         ON CONFLICT (id) DO NOTHING`,
        [
          b.map((a) => a.id),
          b.map((a) => a.holderName),
          b.map((a) => a.country),
          b.map((a) => a.homeLat),
          b.map((a) => a.homeLon),
        ],
      );
      counts.accounts += r.rowCount ?? 0;
    }
    for (const b of batches(merchants)) {
      const r = await client.query(
        `INSERT INTO merchants (id, name, mcc, country, city, lat, lon)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::char(4)[], $4::char(2)[], $5::text[],
                              $6::float8[], $7::float8[])
         ON CONFLICT (id) DO NOTHING`,
        [
          b.map((m) => m.id),
          b.map((m) => m.name),
          b.map((m) => m.mcc),
          b.map((m) => m.country),
          b.map((m) => m.city),
          b.map((m) => m.lat),
          b.map((m) => m.lon),
        ],
      );
      counts.merchants += r.rowCount ?? 0;
    }
    for (const b of batches(cards)) {
      const r = await client.query(
        `INSERT INTO cards (id, account_id, pan_token, last4, brand, expiry_month, expiry_year,
                           issuer_country)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::char(4)[], $5::text[],
                              $6::int2[], $7::int2[], $8::char(2)[])
         ON CONFLICT (id) DO UPDATE SET pan_token = excluded.pan_token
           WHERE cards.pan_token IS DISTINCT FROM excluded.pan_token`,
        [
          b.map((c) => c.id),
          b.map((c) => c.accountId),
          b.map((c) => c.panToken),
          b.map((c) => c.last4),
          b.map((c) => c.brand),
          b.map((c) => c.expiryMonth),
          b.map((c) => c.expiryYear),
          b.map((c) => c.issuerCountry),
        ],
      );
      counts.cards += r.rowCount ?? 0;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  const ms = Math.round(performance.now() - started);
  logger.child({ component: 'seed' }).info({ written: counts, sizes, ms }, 'reference data seeded');
  return { ...counts, ms };
}
