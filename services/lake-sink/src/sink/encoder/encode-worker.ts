/**
 * An encoder worker thread: decodes packed record values and writes their rows as data files
 * (see worker-encoder.ts). Its own registry client and decoder cache the writer schemas.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry, FraudError } from '@fraud/common';
import { createAvroDecoder, SCORED_PAYMENT_SCHEMA } from '@fraud/schemas';
import { createLocalFileIO } from '../../io/index.js';
import { encodeRecords } from './encode-records.js';
import { unpackValues } from './packed-values.js';
import type { EncodeJobMessage, EncodeReplyMessage, EncodeWorkerData } from './worker-protocol.js';

const { registryUrl, fileOptions } = workerData as EncodeWorkerData;
const port = parentPort;
if (port === null) throw new Error('encode-worker.ts runs as a worker thread');
const decoder = createAvroDecoder({
  registry: createRegistry({ url: registryUrl, clientId: 'lake-sink-encoder' }),
  readerSchema: SCORED_PAYMENT_SCHEMA,
});
const io = createLocalFileIO();

port.on('message', (job: EncodeJobMessage) => {
  encodeRecords(decoder, io, fileOptions, unpackValues(job.values), job.target).then(
    (result) => port.postMessage({ id: job.id, ok: true, result } satisfies EncodeReplyMessage),
    (error: unknown) =>
      port.postMessage({
        id: job.id,
        ok: false,
        error: {
          message: error instanceof Error ? error.message : String(error),
          code: error instanceof FraudError ? error.code : 'ENCODE_FAILED',
          retriable: error instanceof FraudError && error.retriable,
        },
      } satisfies EncodeReplyMessage),
  );
});
