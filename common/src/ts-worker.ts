import { Worker } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript module (source-first workspaces have no build output).
 * `workerData` reaches the module as `workerData`, with `entry` added.
 */
export function startTsWorker(entry: URL, workerData: Readonly<Record<string, unknown>>): Worker {
  return new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), {
    workerData: { ...workerData, entry: entry.href },
  });
}
