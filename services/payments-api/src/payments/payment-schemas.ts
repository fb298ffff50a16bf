import { Type, type Static } from '@sinclair/typebox';
import { CardNumber, CountryCode, Geo, Nullable, StringEnum, Uuid } from '../shared-schemas.js';

export const PaymentRequest = Type.Object(
  {
    cardNumber: CardNumber,
    merchantId: Uuid('the merchant being paid'),
    amountMinor: Type.Integer({
      minimum: 1,
      maximum: 1_000_000_000_000,
      description: 'amount in minor units of the currency (cents for EUR, yen for JPY)',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
    channel: StringEnum(
      ['card_present', 'online'],
      'card_present at a terminal, online for card-not-present',
    ),
    country: CountryCode('where the payment happens: terminal country, or the IP country online'),
    deviceFingerprint: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        pattern: '^[\\x20-\\x7E]+$',
        description: 'opaque device id from the client SDK, printable ASCII',
      }),
    ),
    ipAddress: Type.Optional(
      Type.String({ minLength: 2, maxLength: 45, description: 'IPv4 or IPv6 of the payer' }),
    ),
    geo: Type.Optional(Geo),
  },
  { additionalProperties: false },
);
export type PaymentRequest = Static<typeof PaymentRequest>;

export const PaymentHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'a retry with the same key returns the first answer and writes nothing',
    }),
  ),
});

export const PaymentAccepted = Type.Object({
  id: Uuid('payment id'),
  status: Type.Literal('received'),
  links: Type.Object({ self: Type.String({ description: 'where to poll the payment' }) }),
});
export type PaymentAccepted = Static<typeof PaymentAccepted>;

export const Payment = Type.Object({
  id: Uuid('payment id'),
  cardId: Uuid('card'),
  accountId: Uuid('account holding the card'),
  merchantId: Uuid('merchant'),
  cardLast4: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  channel: Type.String(),
  country: Type.String(),
  deviceFingerprint: Nullable(Type.String()),
  ipAddress: Nullable(Type.String()),
  geo: Nullable(Geo),
  createdAt: Type.String({ format: 'date-time', description: 'commit time of the payment' }),
  status: StringEnum(['received', 'scored']),
  score: Nullable(
    Type.Object({
      value: Type.Number(),
      decision: Type.String(),
      modelVersion: Type.String(),
      scoredAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type Payment = Static<typeof Payment>;
