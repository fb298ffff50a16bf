export type { StoreBackend, StoreBackendFactory, StoreWrite } from './store-backend.js';
export { memoryBackend, memoryBackendFactory } from './memory-backend.js';
export { lmdbBackend, lmdbBackendFactory } from './lmdb-backend.js';
export { StateStore } from './state-store.js';
export { KeyValueStore } from './key-value-store.js';
export { WindowStore, expireWindowsBefore } from './window-store.js';
export { changelogTopic } from './changelog-topic.js';
export { writeCheckpoint, takeCheckpoint, type Checkpoint } from './checkpoint.js';
