// The entry of a worker thread started by `startTsWorker`. A worker starts without the
// TypeScript loader its parent runs under (Node 20 applies `--import` hooks of a worker only to
// what it imports later, not to its entry), so this plain module loads the TypeScript entry
// through tsx.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
