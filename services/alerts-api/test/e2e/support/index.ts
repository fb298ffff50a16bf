/**
 * Browser-test helpers of the dashboard, for its own tests and for end-to-end scenarios that
 * drive the whole pipeline (payments-api → topology → alerts-api) and watch the result here.
 */
export { launchChromium, chromiumPath, DEFAULT_CHROMIUM_PATH } from './chromium.js';
export { buildDashboard, DASHBOARD_CONFIG } from './dashboard-build.js';
export {
  startAlertsApi,
  type RunningAlertsApi,
  type StartAlertsApiOptions,
} from './alerts-api-server.js';
export { apiSession } from './api-session.js';
export { DashboardPage, eventually, type Resolution } from './dashboard-page.js';
export {
  withDashboard,
  saveScreenshot,
  TEST_RESULTS_DIR,
  LAPTOP_VIEWPORT,
} from './browser-session.js';
export { cardTakeover, createRecordProducer, type AlertTopics } from './alert-records.js';
