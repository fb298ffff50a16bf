import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileIO } from './file-io.js';

/** `file:///abs/path` for a local path; tables store these URIs, as Iceberg clients expect. */
export const toFileUri = (path: string): string => pathToFileURL(path).href;
export const toLocalPath = (uri: string): string =>
  uri.startsWith('file:') ? fileURLToPath(uri) : uri;

export function createLocalFileIO(): FileIO {
  return {
    read: async (uri) => new Uint8Array(await readFile(toLocalPath(uri))),
    async create(uri, bytes) {
      const path = toLocalPath(uri);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes, { flag: 'wx' });
    },
    async overwrite(uri, bytes) {
      const path = toLocalPath(uri);
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    },
    async list(dirUri) {
      const root = toLocalPath(dirUri);
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return [];
          throw error;
        },
      );
      const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      return Promise.all(
        files.map(async (path) => ({
          uri: toFileUri(path),
          modifiedMs: (await stat(path)).mtimeMs,
        })),
      );
    },
    remove: (uri) => rm(toLocalPath(uri), { force: true }),
  };
}
