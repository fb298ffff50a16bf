export type { FileIO } from './file-io.js';
export { createLocalFileIO, toFileUri, toLocalPath } from './local-file-io.js';
