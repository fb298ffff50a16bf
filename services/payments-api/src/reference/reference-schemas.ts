import { Type, type Static } from '@sinclair/typebox';
import {
  CardNumber,
  CountryCode,
  Geo,
  Nullable,
  StringEnum,
  Text,
  Uuid,
} from '../shared-schemas.js';

const Timestamps = {
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
const HolderName = Text(200);

export const AccountStatus = StringEnum(['active', 'suspended', 'closed']);
export const CardStatus = StringEnum(['active', 'blocked', 'expired']);
export const MerchantStatus = StringEnum(['active', 'closed']);

export const NewAccount = Type.Object(
  {
    holderName: HolderName,
    country: CountryCode('country of residence'),
    home: Type.Optional(Geo),
  },
  { additionalProperties: false },
);
export type NewAccount = Static<typeof NewAccount>;

export const AccountChange = Type.Object(
  {
    holderName: Type.Optional(HolderName),
    status: Type.Optional(AccountStatus),
    home: Type.Optional(Nullable(Geo)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountChange = Static<typeof AccountChange>;

export const Account = Type.Object({
  id: Uuid('account id'),
  holderName: Type.String(),
  country: Type.String(),
  home: Nullable(Geo),
  status: AccountStatus,
  ...Timestamps,
});
export type Account = Static<typeof Account>;

export const NewCard = Type.Object(
  {
    accountId: Uuid('account the card belongs to'),
    cardNumber: CardNumber,
    expiryMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    expiryYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
  },
  { additionalProperties: false },
);
export type NewCard = Static<typeof NewCard>;

export const CardChange = Type.Object({ status: CardStatus }, { additionalProperties: false });
export type CardChange = Static<typeof CardChange>;

export const Card = Type.Object({
  id: Uuid('card id'),
  accountId: Uuid('account'),
  last4: Type.String(),
  brand: Type.String(),
  expiryMonth: Type.Integer(),
  expiryYear: Type.Integer(),
  issuerCountry: Type.String(),
  status: CardStatus,
  ...Timestamps,
});
export type Card = Static<typeof Card>;

export const NewMerchant = Type.Object(
  {
    name: Text(200),
    mcc: Type.String({ pattern: '^[0-9]{4}$', description: 'merchant category code (ISO 18245)' }),
    country: CountryCode('where the merchant trades'),
    city: Type.Optional(Text(100)),
    geo: Type.Optional(Geo),
  },
  { additionalProperties: false },
);
export type NewMerchant = Static<typeof NewMerchant>;

export const MerchantChange = Type.Object(
  {
    name: Type.Optional(Text(200)),
    status: Type.Optional(MerchantStatus),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MerchantChange = Static<typeof MerchantChange>;

export const Merchant = Type.Object({
  id: Uuid('merchant id'),
  name: Type.String(),
  mcc: Type.String(),
  country: Type.String(),
  city: Nullable(Type.String()),
  geo: Nullable(Geo),
  status: MerchantStatus,
  ...Timestamps,
});
export type Merchant = Static<typeof Merchant>;
