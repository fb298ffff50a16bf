import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@fraud/common';
import { ConnectorError } from '../errors.js';
import { connectClient, type ConnectorStatus } from './connect-client.js';
import type { ConnectorConfig } from './connector-config.js';

export interface EnsureConnectorOptions {
  connectUrl: string;
  config: ConnectorConfig;
  logger: Logger;
  /** How long to wait for the connector and its tasks to run; 60 s by default. */
  timeoutMs?: number;
}

export interface EnsureConnectorResult {
  name: string;
  action: 'created' | 'updated' | 'unchanged';
  status: ConnectorStatus;
}

const sameConfig = (a: ConnectorConfig, b: ConnectorConfig) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([key, value]) => b[key] === value);

const isRunning = (s: ConnectorStatus) =>
  s.connector.state === 'RUNNING' &&
  s.tasks.length > 0 &&
  s.tasks.every((t) => t.state === 'RUNNING');

const failure = (s: ConnectorStatus) =>
  s.connector.state === 'FAILED' ? s.connector : s.tasks.find((t) => t.state === 'FAILED');

/**
 * Makes Kafka Connect run exactly this connector configuration: creates it when absent,
 * replaces it when it differs (Connect restarts the tasks; Debezium resumes from its stored
 * offsets and slot, so nothing is lost or re-snapshotted), leaves it alone when equal, then
 * waits until the connector and all its tasks are RUNNING. Failed tasks get one restart
 * before the error (with Connect's stack trace) is thrown. Safe to call on every start.
 */
export async function ensureConnector({
  connectUrl,
  config,
  logger,
  timeoutMs = 60_000,
}: EnsureConnectorOptions): Promise<EnsureConnectorResult> {
  const name = config.name;
  if (!name) throw new ConnectorError('CONNECTOR_REJECTED', '(unnamed)', 'config has no name');
  const log = logger.child({ component: 'cdc-connector', connector: name });
  const connect = connectClient(connectUrl, name);
  const deadline = Date.now() + timeoutMs;

  const action = await retryWhileRebalancing(deadline, async () => {
    const current = await connect.getConfig();
    if (current && sameConfig(current, config)) return 'unchanged' as const;
    return connect.putConfig(config);
  });
  // Connect applies a new config through a rebalance; until the workers have it, /status
  // still shows the previous generation as RUNNING.
  if (action !== 'unchanged') {
    for (;;) {
      const live = await connect.getConfig().catch(undefinedIfRetriable);
      if (live && sameConfig(live, config)) break;
      if (Date.now() > deadline) {
        throw new ConnectorError(
          'CONNECTOR_TIMEOUT',
          name,
          'the new configuration was not applied in time',
          {
            retriable: true,
          },
        );
      }
      await sleep(100);
    }
  }
  log.info({ action }, 'connector configuration in place');

  let restarted = false;
  for (;;) {
    const status = await connect.getStatus().catch(undefinedIfRetriable);
    if (status && isRunning(status)) {
      log.info({ tasks: status.tasks.length }, 'connector running');
      return { name, action, status };
    }
    const failed = status && failure(status);
    if (failed) {
      const trace = failed.trace?.split('\n').slice(0, 3).join(' | ') ?? 'no trace';
      if (restarted) {
        throw new ConnectorError('CONNECTOR_FAILED', name, `connector failed: ${trace}`);
      }
      log.warn({ trace }, 'connector failed; restarting it once');
      await connect.restartFailed();
      restarted = true;
    }
    if (Date.now() > deadline) {
      throw new ConnectorError(
        'CONNECTOR_TIMEOUT',
        name,
        `not RUNNING after ${timeoutMs} ms (last status: ${JSON.stringify(status)})`,
        { retriable: true },
      );
    }
    await sleep(250);
  }
}

/** A transient Connect error (rebalance, restart) means "not yet", not failure. */
function undefinedIfRetriable(error: unknown): undefined {
  if (error instanceof ConnectorError && error.retriable) return undefined;
  throw error;
}

async function retryWhileRebalancing<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConnectorError) || !error.retriable || Date.now() > deadline)
        throw error;
      await sleep(500);
    }
  }
}
