import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { AccountInfo, CardInfo, MerchantInfo, PaymentEvent } from './payment.js';

/**
 * Rows of the CDC topics as Debezium's JSON converter writes them (column names as in
 * schemas/migrations). Only the columns the topology reads are checked; Debezium adds no
 * others, but a column added later must not make every record invalid.
 */
const Uuid = Type.String({ pattern: '^[0-9a-f-]{36}$' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const PaymentRow = Type.Object({
  id: Uuid,
  card_id: Uuid,
  account_id: Uuid,
  merchant_id: Uuid,
  card_last4: Type.String({ pattern: '^[0-9]{4}$' }),
  amount_minor: Type.Integer({ minimum: 1 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  channel: Type.Union([Type.Literal('card_present'), Type.Literal('online')]),
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  device_fingerprint: Type.Union([Type.String(), Type.Null()]),
  lat: NullableNumber,
  lon: NullableNumber,
});
export type PaymentRow = Static<typeof PaymentRow>;

export const AccountRow = Type.Object({
  id: Uuid,
  country: Type.String(),
  home_lat: NullableNumber,
  home_lon: NullableNumber,
  status: Type.String(),
});
export const CardRow = Type.Object({
  id: Uuid,
  issuer_country: Type.String(),
  status: Type.String(),
});
export const MerchantRow = Type.Object({
  id: Uuid,
  mcc: Type.String(),
  country: Type.String(),
  lat: NullableNumber,
  lon: NullableNumber,
});

function guard<T extends TSchema>(schema: T): (value: unknown) => value is Static<T> {
  const compiled = TypeCompiler.Compile(schema);
  return (value): value is Static<T> => compiled.Check(value);
}

export const isPaymentRow = guard(PaymentRow);
export const isAccountRow = guard(AccountRow);
export const isCardRow = guard(CardRow);
export const isMerchantRow = guard(MerchantRow);

export const toPaymentEvent = (row: PaymentRow, eventTime: number): PaymentEvent => ({
  paymentId: row.id,
  cardId: row.card_id,
  accountId: row.account_id,
  merchantId: row.merchant_id,
  cardLast4: row.card_last4,
  amountMinor: row.amount_minor,
  currency: row.currency,
  channel: row.channel,
  country: row.country,
  lat: row.lat,
  lon: row.lon,
  deviceFingerprint: row.device_fingerprint,
  eventTime,
});

export const toAccountInfo = (row: Static<typeof AccountRow>): AccountInfo => ({
  country: row.country,
  homeLat: row.home_lat,
  homeLon: row.home_lon,
  status: row.status,
});
export const toCardInfo = (row: Static<typeof CardRow>): CardInfo => ({
  issuerCountry: row.issuer_country,
  status: row.status,
});
export const toMerchantInfo = (row: Static<typeof MerchantRow>): MerchantInfo => ({
  mcc: row.mcc,
  country: row.country,
  lat: row.lat,
  lon: row.lon,
});
