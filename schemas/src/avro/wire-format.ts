import { DeserializationError } from './errors.js';

/** Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, the payload. */
export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

/** Prefixes an Avro payload with the wire-format header. */
export function writeWireFormat(schemaId: number, payload: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(HEADER_LENGTH + payload.length);
  bytes.writeUInt8(MAGIC_BYTE, 0);
  bytes.writeInt32BE(schemaId, 1);
  payload.copy(bytes, HEADER_LENGTH);
  return bytes;
}

export interface WireRecord {
  schemaId: number;
  payload: Buffer;
}

/** Splits a record into writer schema id and payload; throws DeserializationError if malformed. */
export function readWireFormat(bytes: Buffer | null | undefined): WireRecord {
  if (bytes === null || bytes === undefined || bytes.length === 0) {
    throw new DeserializationError(
      'TRUNCATED',
      'empty record value: expected Confluent wire format',
    );
  }
  if (bytes[0] !== MAGIC_BYTE) {
    throw new DeserializationError(
      'BAD_MAGIC_BYTE',
      `first byte is ${bytes[0]}, expected the Confluent wire-format magic byte 0 (not Avro from a schema-registry serializer)`,
    );
  }
  if (bytes.length < HEADER_LENGTH) {
    throw new DeserializationError(
      'TRUNCATED',
      `record value has ${bytes.length} bytes, shorter than the 5-byte wire-format header`,
    );
  }
  return { schemaId: bytes.readInt32BE(1), payload: bytes.subarray(HEADER_LENGTH) };
}
