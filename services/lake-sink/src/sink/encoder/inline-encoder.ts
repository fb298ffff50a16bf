import type { AvroDecoder, ScoredPayment } from '@fraud/schemas';
import type { FileIO } from '../../io/index.js';
import { encodeRecords } from './encode-records.js';
import type { DataFileOptions, RecordEncoder } from './record-encoder.js';

/** Encodes on the calling thread: no parallelism, no copies; for small loads and tests. */
export function createInlineEncoder(options: {
  decoder: AvroDecoder<ScoredPayment>;
  io: FileIO;
  fileOptions: DataFileOptions;
}): RecordEncoder {
  return {
    encode: (values, target) =>
      encodeRecords(options.decoder, options.io, options.fileOptions, values, target),
    close: async () => undefined,
  };
}
