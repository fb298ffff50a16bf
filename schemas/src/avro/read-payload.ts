import type avro from 'avsc';
import { DeserializationError } from './errors.js';

/** Decodes an Avro payload, mapping avsc's failures onto DeserializationError reasons. */
export function readPayload<T>(
  type: avro.Type,
  payload: Buffer,
  schemaId: number,
  resolver?: avro.Resolver,
): T {
  try {
    return type.fromBuffer(payload, resolver) as T;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // avsc reports reading past the end as 'truncated buffer'; anything else is garbage bytes.
    const reason = message.includes('truncated') ? 'TRUNCATED' : 'INVALID_PAYLOAD';
    throw new DeserializationError(
      reason,
      `cannot decode ${type.name ?? 'Avro'} record written with schema id ${schemaId}: ${message}`,
      { schemaId, cause: error },
    );
  }
}
