/**
 * What docker-compose.yml and the Grafana dashboard use before the parts that provide them
 * exist (other issues are building them). The compose tests accept these as missing and fail
 * once one exists, so each is checked against the real thing when it lands: check its env
 * names, port and metric names against the compose file and the dashboard, then delete the
 * entry here.
 */
export const PENDING_NPM_SCRIPTS: readonly { workspace: string; script: string }[] = [];

/**
 * Services whose environment schema does not exist yet, with the HTTP port compose gives
 * them; when the module appears, move the service to SERVICE_CONFIGS (compose-service-configs.ts).
 */
export const PENDING_SERVICE_CONFIGS: Readonly<Record<string, { module: string; port: number }>> =
  {};

/** Metric names the dashboard charts, by the service expected to expose them. */
export const PENDING_METRICS: Readonly<Record<string, string>> = {};
