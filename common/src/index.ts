export { FraudError, ConfigError, type ConfigProblem } from './errors.js';
export { loadConfig, describeConfig, Port, LogLevel, type Env } from './config.js';
export {
  StackPortsSchema,
  loadStackPorts,
  localStackUrls,
  STACK_HOST,
  LOCAL_DATABASE,
  REGISTRY_CCOMPAT_PATH,
  type StackPorts,
} from './local-stack.js';
export {
  commonEnvSchema,
  loadServiceConfig,
  parseBrokers,
  type CommonConfig,
} from './service-config.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { createKafka, type KafkaClientOptions } from './kafka.js';
export { createRegistry, SchemaType, type RegistryClientOptions } from './registry.js';
