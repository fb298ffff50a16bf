import { FraudError } from '@fraud/common';

/** Every code this service answers with on purpose, and its HTTP status. */
export const STATUS_BY_CODE = {
  INVALID_VALUE: 400,
  PAYMENT_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  CARD_NOT_FOUND: 404,
  MERCHANT_NOT_FOUND: 404,
  CARD_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNKNOWN_CARD: 422,
  UNKNOWN_MERCHANT: 422,
  UNKNOWN_ACCOUNT: 422,
  UNKNOWN_CURRENCY: 422,
  DATABASE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type PaymentsApiErrorCode = keyof typeof STATUS_BY_CODE;

/** A refusal or failure with a stable code; app.ts maps the code to its HTTP status. */
export class PaymentsApiError extends FraudError {
  constructor(
    code: PaymentsApiErrorCode,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}
