export * from './generated.js';
export type { AvroSchema, AvroRecordSchema, AvroField, TypedRecordSchema } from './schema-types.js';
export { TOPICS, valueSubject, type TopicName } from './topics.js';
export { createAvroSerde, type AvroSerde } from './serde.js';
export {
  createAvroDecoder,
  type AvroDecoder,
  type AvroDecoderOptions,
  type WriterSchemaSource,
} from './decoder.js';
export { MAGIC_BYTE, readWireFormat, writeWireFormat, type WireRecord } from './wire-format.js';
export {
  DeserializationError,
  SerializationError,
  SchemaIncompatibleError,
  SchemaRegistryError,
  type DeserializationReason,
} from './errors.js';
export { sampleFraudAlert, sampleFraudLabel, sampleScoredPayment } from './sample-records.js';
export {
  registerSchema,
  registerSchemas,
  type AvroTopicKey,
  type RegisterSchemaOptions,
  type RegisterSchemasOptions,
  type SchemaIds,
} from './register-schemas.js';
export {
  deleteSubject,
  getSubjectCompatibility,
  setSubjectCompatibility,
  type CompatibilityLevel,
} from './subject-config.js';
