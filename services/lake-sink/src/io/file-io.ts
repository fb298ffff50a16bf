/**
 * Where table files live. The sink only needs whole-file reads and writes; an object store
 * implementation (S3, GCS) would implement the same five calls.
 */
export interface FileIO {
  read(uri: string): Promise<Uint8Array>;
  /** Writes a new file; fails if it exists, so a file once referenced is never replaced. */
  create(uri: string, bytes: Uint8Array): Promise<void>;
  /** Replaces a file atomically (readers see the old or the new bytes, never a mix). */
  overwrite(uri: string, bytes: Uint8Array): Promise<void>;
  /** Every file under a directory, recursively, with its modification time. */
  list(dirUri: string): Promise<{ uri: string; modifiedMs: number }[]>;
  remove(uri: string): Promise<void>;
}
