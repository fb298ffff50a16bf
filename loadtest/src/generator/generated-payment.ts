import { Type, type Static } from '@sinclair/typebox';
import { PaymentRequestBody } from './payment-request.js';

export const FRAUD_PATTERNS = [
  'card_testing',
  'account_takeover',
  'impossible_travel',
  'compromised_merchant',
] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];

export const PaymentLabel = Type.Object(
  {
    fraud: Type.Boolean(),
    pattern: Type.Union([...FRAUD_PATTERNS.map((p) => Type.Literal(p)), Type.Null()]),
    incidentId: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PaymentLabel = Static<typeof PaymentLabel>;

/** One payment of a generated stream: what is sent, who sends it, and the truth about it. */
export const GeneratedPayment = Type.Object(
  {
    /** Unique within a run and stable across re-runs of it; sent as the Idempotency-Key. */
    id: Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' }),
    /** Event time, epoch ms; non-decreasing over a stream. */
    at: Type.Integer(),
    cardIndex: Type.Integer({ minimum: 0 }),
    accountIndex: Type.Integer({ minimum: 0 }),
    merchantIndex: Type.Integer({ minimum: 0 }),
    request: PaymentRequestBody,
    label: PaymentLabel,
  },
  { additionalProperties: false },
);
export type GeneratedPayment = Static<typeof GeneratedPayment>;

export const BENIGN: PaymentLabel = Object.freeze({
  fraud: false,
  pattern: null,
  incidentId: null,
});
