import type { AvroSerde } from '@fraud/schemas';
import type { Serde } from '../serdes/index.js';

/** The runtime's Serde over an Avro serde (the fraud topology's outputs are never null). */
export function avroStreamsSerde<T>(avro: AvroSerde<T>): Serde<T> {
  return {
    serialize: (value) => avro.serialize(value),
    deserialize: (bytes) => {
      if (bytes === null) throw new TypeError('null where an Avro record was expected');
      return avro.deserialize(bytes);
    },
  };
}
