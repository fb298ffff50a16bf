import { Type, type Static } from '@sinclair/typebox';

/**
 * The body of POST /payments, the same shape as payments-api's PaymentRequest schema
 * (services/payments-api/src/payments/payment-schemas.ts). Declared here rather than imported
 * because no package reaches into a service's folder; the unit tests check every generated
 * request against it and the integration test against the running API.
 */
export const PaymentRequestBody = Type.Object(
  {
    cardNumber: Type.String({ pattern: '^[0-9]{13,19}$' }),
    // A pattern rather than format: 'uuid', which TypeBox would need registered globally.
    merchantId: Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    }),
    amountMinor: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    channel: Type.Union([Type.Literal('card_present'), Type.Literal('online')]),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    deviceFingerprint: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x20-\\x7E]+$' }),
    ),
    ipAddress: Type.Optional(Type.String({ minLength: 2, maxLength: 45 })),
    geo: Type.Optional(
      Type.Object(
        {
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          lon: Type.Number({ minimum: -180, maximum: 180 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PaymentRequestBody = Static<typeof PaymentRequestBody>;
