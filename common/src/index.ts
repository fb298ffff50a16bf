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
export {
  isLuhnValid,
  luhnCheckDigit,
  tokenizePan,
  findPans,
  findPansInJson,
  cardBrand,
  type CardBrand,
} from './pan.js';
export {
  errorHandling,
  ErrorResponse,
  InvalidFieldsError,
  type ErrorHandlingOptions,
  type FieldProblem,
} from './http-errors.js';
export { observability, type ObservabilityOptions, type ReadinessCheck } from './observability.js';
export { DEAD_LETTER_HEADERS, deadLetterMessage, type DeadLetterSource } from './dead-letter.js';
export { constraintOf, isDatabaseUnavailable, sqlState } from './database-errors.js';
export { shutdownOnSignals, type ShutdownOptions } from './shutdown.js';
export { startTsWorker } from './ts-worker.js';
