import type { Worker } from 'node:worker_threads';
import { FraudError, startTsWorker, type Logger } from '@fraud/common';
import { packValues } from './packed-values.js';
import type { DataFileOptions, EncodedRecords, RecordEncoder } from './record-encoder.js';
import type { EncodeJobMessage, EncodeReplyMessage, EncodeWorkerData } from './worker-protocol.js';

export interface WorkerEncoderOptions {
  /** Worker threads; each job goes to the one with the fewest jobs pending. */
  readonly workers: number;
  readonly registryUrl: string;
  readonly fileOptions: DataFileOptions;
  readonly logger: Logger;
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (r: EncodedRecords) => void; reject: (e: Error) => void }>;
}

/**
 * Encodes in worker threads, so decoding and Parquet encoding (most of the sink's CPU) run
 * beside the consumer instead of between its fetches, on several cores when the sink hands
 * over its records in pieces. A worker that dies fails its jobs (the commit fails; the sink
 * resumes from the table) and is replaced on the next job.
 */
export function createWorkerEncoder(options: WorkerEncoderOptions): RecordEncoder {
  const logger = options.logger.child({ component: 'encoder' });
  const pool: (PooledWorker | undefined)[] = new Array(options.workers).fill(undefined);
  let nextId = 0;

  function spawn(slot: number): PooledWorker {
    const worker = startTsWorker(new URL('./encode-worker.ts', import.meta.url), {
      registryUrl: options.registryUrl,
      fileOptions: options.fileOptions,
    } satisfies EncodeWorkerData);
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on('message', (reply: EncodeReplyMessage) => {
      const job = pooled.pending.get(reply.id);
      if (job === undefined) return;
      pooled.pending.delete(reply.id);
      if (reply.ok) job.resolve(reply.result);
      else {
        const { code, message, retriable } = reply.error;
        job.reject(new FraudError(code, message, { retriable }));
      }
    });
    const fail = (error: Error) => {
      if (pool[slot] === pooled) pool[slot] = undefined;
      for (const job of pooled.pending.values()) job.reject(error);
      pooled.pending.clear();
    };
    worker.on('error', (error) => {
      logger.error({ err: error, slot }, 'encoder worker failed');
      fail(error);
    });
    worker.on('exit', (code) => fail(new Error(`encoder worker exited with code ${code}`)));
    pool[slot] = pooled;
    return pooled;
  }

  function run(
    slot: number,
    values: readonly (Buffer | null)[],
    target: EncodeJobMessage['target'],
  ) {
    const pooled = pool[slot] ?? spawn(slot);
    const id = nextId++;
    const packed = packValues(values);
    return new Promise<EncodedRecords>((resolve, reject) => {
      pooled.pending.set(id, { resolve, reject });
      pooled.worker.postMessage({ id, values: packed, target } satisfies EncodeJobMessage, [
        packed.data,
        packed.lengths.buffer as ArrayBuffer,
      ]);
    });
  }

  // Started now: a worker takes a moment to load its modules, better spent before the first
  // commit needs it.
  for (let slot = 0; slot < options.workers; slot++) spawn(slot);

  return {
    encode(values, target) {
      let slot = 0;
      for (let i = 1; i < pool.length; i++) {
        if ((pool[i]?.pending.size ?? 0) < (pool[slot]?.pending.size ?? 0)) slot = i;
      }
      return run(slot, values, target);
    },
    async close() {
      const workers = pool.filter((p): p is PooledWorker => p !== undefined);
      pool.fill(undefined);
      await Promise.all(workers.map((p) => p.worker.terminate()));
    },
  };
}
