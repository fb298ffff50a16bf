import { createRegistry, SchemaType, type Logger } from '@fraud/common';
import type { AvroRecordSchema } from './schema-types.js';
import { SchemaIncompatibleError, SchemaRegistryError } from './errors.js';
import { FRAUD_ALERT_SCHEMA, FRAUD_LABEL_SCHEMA, SCORED_PAYMENT_SCHEMA } from './generated.js';
import { setSubjectCompatibility } from './subject-config.js';
import { TOPICS, valueSubject } from './topics.js';

/** The topics whose values are Avro, by their key in TOPICS. */
export type AvroTopicKey = 'scored' | 'alerts' | 'labels';

const SCHEMAS: Record<AvroTopicKey, AvroRecordSchema> = {
  scored: SCORED_PAYMENT_SCHEMA,
  alerts: FRAUD_ALERT_SCHEMA,
  labels: FRAUD_LABEL_SCHEMA,
};

export interface RegisterSchemaOptions {
  /** A Confluent-compatible API, e.g. `http://127.0.0.1:18081/apis/ccompat/v7`. */
  registryUrl: string;
  subject: string;
  schema: AvroRecordSchema;
  logger: Logger;
}

/**
 * Sets the subject's compatibility to BACKWARD, then registers the schema, or finds it already
 * registered (same schema, same id). Resolves to the schema id; rejects with
 * SchemaIncompatibleError when the registry refuses the schema as a breaking change.
 */
export async function registerSchema({
  registryUrl,
  subject,
  schema,
  logger,
}: RegisterSchemaOptions): Promise<number> {
  // Set on every start, not only for new subjects: a subject left at NONE (or created by
  // another client) would otherwise accept breaking changes silently.
  await setSubjectCompatibility(registryUrl, subject, 'BACKWARD');
  const registry = createRegistry({ url: registryUrl });
  try {
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject },
    );
    logger.info({ subject, schemaId: id, schema: schema.name }, 'schema registered');
    return id;
  } catch (error) {
    const status = statusOf(error);
    if (status === 409) throw new SchemaIncompatibleError(subject, registryMessage(error));
    throw new SchemaRegistryError(
      `registering ${schema.name} under ${subject} failed: ${registryMessage(error) ?? String(error)}`,
      { ...(status === undefined ? {} : { status }), cause: error },
    );
  }
}

export interface RegisterSchemasOptions {
  registryUrl: string;
  /** Subject per topic; default `<topic>-value` of the default topic names (TopicNameStrategy). */
  subjects?: Partial<Record<AvroTopicKey, string>>;
  logger: Logger;
}

/** The registered schema id of each Avro topic, for `createAvroSerde`. */
export type SchemaIds = Record<AvroTopicKey, number>;

/** Registers the value schema of every Avro topic; run once at start-up before building serdes. */
export async function registerSchemas({
  registryUrl,
  subjects = {},
  logger,
}: RegisterSchemasOptions): Promise<SchemaIds> {
  const register = (key: AvroTopicKey): Promise<number> =>
    registerSchema({
      registryUrl,
      subject: subjects[key] ?? valueSubject(TOPICS[key]),
      schema: SCHEMAS[key],
      logger,
    });
  // One after the other: a refusal then names the first subject at fault.
  const scored = await register('scored');
  const alerts = await register('alerts');
  const labels = await register('labels');
  return { scored, alerts, labels };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    return typeof error.status === 'number' ? error.status : undefined;
  }
  return undefined;
}

/**
 * The registry's own words: the client's ResponseError reads `<clientId> - <message>`, and
 * Apicurio prefixes its message with a Java exception class.
 */
function registryMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const message = error.message
    .replace(/^[^ ]* - /, '')
    .replace(/^(?:[\w$]+\.)+[\w$]*Exception: /, '')
    .trim();
  return message === '' ? undefined : message;
}
