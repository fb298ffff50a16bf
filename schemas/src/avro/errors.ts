import { FraudError } from '@fraud/common';

/** Why a record's bytes could not be decoded; consumers put it in the dead-letter headers. */
export type DeserializationReason =
  | 'BAD_MAGIC_BYTE'
  | 'TRUNCATED'
  | 'UNKNOWN_SCHEMA_ID'
  | 'INCOMPATIBLE_WRITER_SCHEMA'
  | 'INVALID_PAYLOAD';

/**
 * The bytes of one record are not a value of the expected schema in Confluent wire format.
 * Never retriable: the same bytes fail the same way, so the record belongs on the dead-letter
 * topic (code `AVRO_<reason>`).
 */
export class DeserializationError extends FraudError {
  readonly reason: DeserializationReason;
  /** The writer schema id from the header, when the header was readable. */
  readonly schemaId: number | undefined;

  constructor(
    reason: DeserializationReason,
    message: string,
    options: { schemaId?: number; cause?: unknown } = {},
  ) {
    super(`AVRO_${reason}`, message, { cause: options.cause });
    this.reason = reason;
    this.schemaId = options.schemaId;
  }
}

/** A value does not match the schema it is written with: a bug in the producing code. */
export class SerializationError extends FraudError {
  /** Paths of the offending fields, e.g. `reasons.0.code`. */
  readonly paths: readonly string[];

  constructor(schemaName: string, paths: readonly string[], cause?: unknown) {
    const where = paths.length > 0 ? `invalid fields: ${paths.join(', ')}` : String(cause);
    super('AVRO_INVALID_VALUE', `value does not match Avro schema ${schemaName} (${where})`, {
      cause,
    });
    this.paths = paths;
  }
}

/**
 * The registry refused a schema as incompatible with the subject's earlier versions (HTTP 409
 * under the subject's BACKWARD compatibility).
 */
export class SchemaIncompatibleError extends FraudError {
  readonly subject: string;
  /** The registry's explanation, when it gave one. */
  readonly registryReason: string | undefined;

  constructor(subject: string, registryReason: string | undefined) {
    super(
      'SCHEMA_INCOMPATIBLE',
      `The schema registry refused the new schema of subject ${subject}: it is not backward ` +
        'compatible with the registered versions, so consumers could not read older records ' +
        'with it. Make the change backward compatible (add fields with a default, do not ' +
        'change field types, do not add fields without a default), or register it under a new ' +
        `subject/topic.${registryReason === undefined ? '' : ` Registry says: ${registryReason}`}`,
    );
    this.subject = subject;
    this.registryReason = registryReason;
  }
}

/** The registry could not be reached or answered an unexpected error; trying again may help. */
export class SchemaRegistryError extends FraudError {
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    const status = options.status;
    // 4xx other than 408/429 will not change on a retry.
    const retriable = status === undefined || status >= 500 || status === 408 || status === 429;
    super('SCHEMA_REGISTRY_ERROR', message, { retriable, cause: options.cause });
    this.status = status;
  }
}
