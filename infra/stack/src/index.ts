export { loadStackConfig, type StackConfig, type StackVersions } from './config.js';
export { StackError } from './errors.js';
export {
  up,
  down,
  status,
  reset,
  ensureStack,
  logFileOf,
  COMPONENT_NAMES,
  type ComponentStatus,
  type UpOptions,
} from './stack.js';
export type { ComponentName } from './components/component.js';
export { CDC_ROLE, POSTGRES_SUPERUSER, REGISTRY_DATABASE } from './components/postgres.js';
export { DEBEZIUM_POSTGRES_CLASS } from './components/connect.js';
export { scratchKafkaConfig } from './scratch-stack.js';
