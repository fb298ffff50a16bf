/**
 * `npm start -w services/alerts-api`: migrate, consume, serve; on SIGTERM/SIGINT stop
 * consuming, close live streams, finish requests in flight, then close the pool. Configured by
 * environment (see config.ts); exits non-zero with every bad variable named when misconfigured.
 */
import { createLogger, shutdownOnSignals } from '@fraud/common';
import { FEATURE_NAMES, FEATURE_SET } from '@fraud/streams/features';
import { featureCatalog } from './cards/feature-catalog.js';
import { DEMO_JWT_SECRET, DEMO_USERS, loadAlertsApiConfig } from './config.js';
import { startAlertsService } from './service.js';

const config = loadAlertsApiConfig();
const logger = createLogger({ name: 'alerts-api', level: config.LOG_LEVEL });
if (config.ALERTS_JWT_SECRET === DEMO_JWT_SECRET) {
  logger.warn('ALERTS_JWT_SECRET is the demo default: anyone can forge tokens; set your own');
}
if (config.ALERTS_USERS === DEMO_USERS) {
  logger.warn('ALERTS_USERS is the demo default (analyst/analyst-pass, viewer/viewer-pass)');
}

const service = await startAlertsService({
  config,
  logger,
  // The topology's feature set: payments.scored names it, the vector is in this order.
  featureNames: featureCatalog({ [FEATURE_SET]: FEATURE_NAMES }),
});
await service.app.listen({ port: config.PORT, host: config.HOST });

shutdownOnSignals({ logger, timeoutMs: 15_000, close: () => service.stop() });
