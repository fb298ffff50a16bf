export { StreamsError, DeserializationError, type StreamsErrorCode } from './streams-error.js';
export { kafkaErrorType, isConcurrentTransactions, isFenced } from './kafka-error-type.js';
