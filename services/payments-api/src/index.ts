export { buildApp, type AppOptions, type PaymentsApp } from './app.js';
export { loadPaymentsApiConfig, PaymentsApiEnv, type PaymentsApiConfig } from './config.js';
export { createPool, type PoolOptions } from './db/pool.js';
export { STATUS_BY_CODE, PaymentsApiError, type PaymentsApiErrorCode } from './errors.js';
export type { PaymentRequest, PaymentAccepted, Payment } from './payments/payment-schemas.js';
