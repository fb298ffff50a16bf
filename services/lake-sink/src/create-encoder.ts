import { createRegistry, type Logger } from '@fraud/common';
import { createAvroDecoder, SCORED_PAYMENT_SCHEMA } from '@fraud/schemas';
import type { LakeSinkConfig } from './config.js';
import type { FileIO } from './io/index.js';
import { createInlineEncoder, createWorkerEncoder, type RecordEncoder } from './sink/index.js';

/** The encoder LAKE_ENCODE_WORKERS asks for, writing files as the LAKE_* settings say. */
export function createEncoder(
  config: Pick<
    LakeSinkConfig,
    | 'LAKE_ENCODE_WORKERS'
    | 'SCHEMA_REGISTRY_URL'
    | 'LAKE_PARQUET_CODEC'
    | 'LAKE_ROW_GROUP_ROWS'
    | 'LAKE_MAX_ROWS_PER_FILE'
  >,
  io: FileIO,
  logger: Logger,
): RecordEncoder {
  const fileOptions = {
    codec: config.LAKE_PARQUET_CODEC,
    rowGroupSize: config.LAKE_ROW_GROUP_ROWS,
    maxRowsPerFile: config.LAKE_MAX_ROWS_PER_FILE,
  };
  if (config.LAKE_ENCODE_WORKERS === 0) {
    return createInlineEncoder({
      decoder: createAvroDecoder({
        registry: createRegistry({ url: config.SCHEMA_REGISTRY_URL, clientId: 'lake-sink' }),
        readerSchema: SCORED_PAYMENT_SCHEMA,
      }),
      io,
      fileOptions,
    });
  }
  return createWorkerEncoder({
    workers: config.LAKE_ENCODE_WORKERS,
    registryUrl: config.SCHEMA_REGISTRY_URL,
    fileOptions,
    logger,
  });
}
