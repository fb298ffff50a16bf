/**
 * The process the fault test kills with SIGKILL: runs the count topology until killed or sent
 * SIGTERM. Configured by FAULT_* environment variables set by the test.
 */
import { createLogger } from '@fraud/common';
import { createStreamsApp } from '../../src/index.js';
import { testKafka } from '../support.js';
import { countTopology } from './count-topology.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const { kafka } = testKafka('fault-child');
const app = createStreamsApp({
  applicationId: env('FAULT_APP'),
  topology: countTopology(env('FAULT_INPUT'), env('FAULT_OUTPUT'), env('FAULT_DLQ')),
  kafka,
  logger: createLogger({ name: 'fault-child', level: 'warn' }),
  stateDir: env('FAULT_STATE_DIR'),
  // The broker's minimum: a killed member leaves the group within seconds.
  sessionTimeoutMs: 6000,
});
await app.start();
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
