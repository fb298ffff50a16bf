export { buildApp, type AppOptions, type AlertsApp } from './app.js';
export { loadAlertsApiConfig, AlertsApiEnv, type AlertsApiConfig } from './config.js';
export { startAlertsService, type AlertsService, type AlertsServiceOptions } from './service.js';
export { migrateAlerts, ALERTS_MIGRATIONS_DIR } from './db/migrate-alerts.js';
export { STATUS_BY_CODE, AlertsApiError, type AlertsApiErrorCode } from './errors.js';
export { featureCatalog, type FeatureCatalog } from './cards/feature-catalog.js';
export type { AlertSummary, AlertDetail, AuditEntry, CardPayment } from './alerts/alert-schemas.js';
