import { FraudError } from '@fraud/common';

/** Every code this service answers with on purpose, and its HTTP status. */
export const STATUS_BY_CODE = {
  INVALID_VALUE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ALERT_NOT_FOUND: 404,
  CARD_NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type AlertsApiErrorCode = keyof typeof STATUS_BY_CODE;

/** A refusal or failure with a stable code; app.ts maps the code to its HTTP status. */
export class AlertsApiError extends FraudError {
  constructor(
    code: AlertsApiErrorCode,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}
