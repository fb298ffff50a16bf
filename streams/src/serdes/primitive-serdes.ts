import { DeserializationError } from '../errors/index.js';
import type { Serde } from './serde.js';
import { readInt64BE, writeInt64BE } from './int64.js';

export const stringSerde: Serde<string> = {
  serialize: (value) => Buffer.from(value, 'utf8'),
  deserialize: (bytes) => {
    if (bytes === null) throw new DeserializationError('expected a string, got null');
    return bytes.toString('utf8');
  },
};

/** Nullable string: keys of CDC topics and tombstones are legitimately null. */
export const nullableStringSerde: Serde<string | null> = {
  serialize: (value) => (value === null ? null : Buffer.from(value, 'utf8')),
  deserialize: (bytes) => (bytes === null ? null : bytes.toString('utf8')),
};

/** Bytes as they are: pass-through topologies and benchmarks. */
export const bytesSerde: Serde<Buffer | null> = {
  serialize: (value) => value,
  deserialize: (bytes) => bytes,
};

/** 8-byte big-endian signed integer, the same layout as Kafka's LongSerializer. */
export const int64Serde: Serde<number> = {
  serialize: (value) => {
    const out = Buffer.allocUnsafe(8);
    writeInt64BE(out, value);
    return out;
  },
  deserialize: (bytes) => {
    if (bytes === null || bytes.length !== 8)
      throw new DeserializationError(`expected 8 bytes, got ${bytes?.length ?? 'null'}`);
    return readInt64BE(bytes);
  },
};

/**
 * JSON with an optional validator. The validator is where a topology rejects records whose
 * shape is wrong (e.g. a TypeBox `Value.Check`), so they reach the dead-letter topic.
 */
export function jsonSerde<T>(validate?: (value: unknown) => value is T): Serde<T> {
  return {
    serialize: (value) => Buffer.from(JSON.stringify(value), 'utf8'),
    deserialize: (bytes) => {
      if (bytes === null) throw new DeserializationError('expected JSON, got null');
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw new DeserializationError('not valid JSON', error);
      }
      if (validate && !validate(parsed)) throw new DeserializationError('JSON failed validation');
      return parsed as T;
    },
  };
}
