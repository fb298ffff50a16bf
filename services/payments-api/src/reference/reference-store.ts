import { randomUUID } from 'node:crypto';
import { cardBrand, tokenizePan } from '@fraud/common';
import { constraintOf, sqlState } from '../db/database-errors.js';
import type { Query } from '../db/query.js';
import { PaymentsApiError } from '../errors.js';
import type {
  Account,
  AccountChange,
  Card,
  CardChange,
  Merchant,
  MerchantChange,
  NewAccount,
  NewCard,
  NewMerchant,
} from './reference-schemas.js';

type Row = Record<string, unknown>;
const text = (v: unknown) => String(v);
const nullableText = (v: unknown) => (v === null || v === undefined ? null : String(v));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const geoOf = (lat: unknown, lon: unknown) =>
  typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;

const toAccount = (r: Row): Account => ({
  id: text(r.id),
  holderName: text(r.holder_name),
  country: text(r.country),
  home: geoOf(r.home_lat, r.home_lon),
  status: text(r.status) as Account['status'],
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toCard = (r: Row): Card => ({
  id: text(r.id),
  accountId: text(r.account_id),
  last4: text(r.last4),
  brand: text(r.brand),
  expiryMonth: Number(r.expiry_month),
  expiryYear: Number(r.expiry_year),
  issuerCountry: text(r.issuer_country),
  status: text(r.status) as Card['status'],
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toMerchant = (r: Row): Merchant => ({
  id: text(r.id),
  name: text(r.name),
  mcc: text(r.mcc),
  country: text(r.country),
  city: nullableText(r.city),
  geo: geoOf(r.lat, r.lon),
  status: text(r.status) as Merchant['status'],
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const CARD_COLUMNS =
  'id, account_id, last4, brand, expiry_month, expiry_year, issuer_country, status, created_at, updated_at';

export async function createAccount(query: Query, a: NewAccount): Promise<Account> {
  const { rows } = await query<Row>(
    `INSERT INTO accounts (id, holder_name, country, home_lat, home_lon)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [randomUUID(), a.holderName, a.country, a.home?.lat ?? null, a.home?.lon ?? null],
  );
  return toAccount(rows[0] ?? {});
}

export async function updateAccount(
  query: Query,
  id: string,
  change: AccountChange,
): Promise<Account> {
  // `home: null` clears the location; an absent `home` keeps it.
  const { rows } = await query<Row>(
    `UPDATE accounts
        SET holder_name = COALESCE($2, holder_name),
            status = COALESCE($3, status),
            home_lat = CASE WHEN $4 THEN $5 ELSE home_lat END,
            home_lon = CASE WHEN $4 THEN $6 ELSE home_lon END
      WHERE id = $1 RETURNING *`,
    [
      id,
      change.holderName ?? null,
      change.status ?? null,
      change.home !== undefined,
      change.home?.lat ?? null,
      change.home?.lon ?? null,
    ],
  );
  const row = rows[0];
  if (!row) throw new PaymentsApiError('ACCOUNT_NOT_FOUND', 'no such account');
  return toAccount(row);
}

/** Tokenizes the number, takes the issuer country from the account, refuses duplicates. */
export async function createCard(query: Query, c: NewCard, panTokenKey: string): Promise<Card> {
  try {
    const { rows } = await query<Row>(
      `INSERT INTO cards (id, account_id, pan_token, last4, brand, expiry_month, expiry_year,
                          issuer_country)
       SELECT $1, a.id, $3, $4, $5, $6, $7, a.country FROM accounts a WHERE a.id = $2
       RETURNING ${CARD_COLUMNS}`,
      [
        randomUUID(),
        c.accountId,
        tokenizePan(c.cardNumber, panTokenKey),
        c.cardNumber.slice(-4),
        cardBrand(c.cardNumber),
        c.expiryMonth,
        c.expiryYear,
      ],
    );
    const row = rows[0];
    if (!row) throw new PaymentsApiError('UNKNOWN_ACCOUNT', `no account ${c.accountId}`);
    return toCard(row);
  } catch (error) {
    if (sqlState(error) === '23505' && constraintOf(error) === 'cards_pan_token_key') {
      throw new PaymentsApiError('CARD_EXISTS', 'this card number is already registered');
    }
    throw error;
  }
}

export async function updateCard(query: Query, id: string, change: CardChange): Promise<Card> {
  const { rows } = await query<Row>(
    `UPDATE cards SET status = $2 WHERE id = $1 RETURNING ${CARD_COLUMNS}`,
    [id, change.status],
  );
  const row = rows[0];
  if (!row) throw new PaymentsApiError('CARD_NOT_FOUND', 'no such card');
  return toCard(row);
}

export async function createMerchant(query: Query, m: NewMerchant): Promise<Merchant> {
  const { rows } = await query<Row>(
    `INSERT INTO merchants (id, name, mcc, country, city, lat, lon)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [
      randomUUID(),
      m.name,
      m.mcc,
      m.country,
      m.city ?? null,
      m.geo?.lat ?? null,
      m.geo?.lon ?? null,
    ],
  );
  return toMerchant(rows[0] ?? {});
}

export async function updateMerchant(
  query: Query,
  id: string,
  change: MerchantChange,
): Promise<Merchant> {
  const { rows } = await query<Row>(
    `UPDATE merchants SET name = COALESCE($2, name), status = COALESCE($3, status)
      WHERE id = $1 RETURNING *`,
    [id, change.name ?? null, change.status ?? null],
  );
  const row = rows[0];
  if (!row) throw new PaymentsApiError('MERCHANT_NOT_FOUND', 'no such merchant');
  return toMerchant(row);
}
