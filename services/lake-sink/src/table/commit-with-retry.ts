import type { Logger } from '@fraud/common';
import type { LoadedTable, SqlCatalog } from '../catalog/index.js';
import { LakeError } from '../errors.js';
import type { TableMetadata } from '../metadata/index.js';

export interface CommitWithRetryOptions {
  readonly catalog: SqlCatalog;
  readonly logger: Logger;
  /** The table as the caller last read it; the first attempt builds on it. */
  readonly base: LoadedTable;
  readonly maxAttempts: number;
  /**
   * Builds the next metadata from a base. Called again on the reloaded table after a lost
   * compare-and-swap, so every decision it makes is re-taken against what actually won.
   */
  readonly build: (base: LoadedTable) => Promise<TableMetadata>;
}

/**
 * The optimistic-concurrency loop every table change goes through (appends, schema changes,
 * rewrites, expiry): build on a base, swap, and on COMMIT_CONFLICT rebuild on the new base.
 */
export async function commitWithRetry(options: CommitWithRetryOptions): Promise<LoadedTable> {
  const { catalog, logger } = options;
  let base = options.base;
  for (let attempt = 1; ; attempt++) {
    const next = await options.build(base);
    try {
      return await catalog.commitTable(base, next);
    } catch (error) {
      if (!(error instanceof LakeError && error.retriable) || attempt >= options.maxAttempts) {
        if (error instanceof LakeError && error.code === 'COMMIT_CONFLICT') {
          throw new LakeError('COMMIT_RETRIES_EXHAUSTED', `gave up after ${attempt} attempts`, {
            cause: error,
            context: error.context,
          });
        }
        throw error;
      }
      logger.info({ attempt }, 'commit lost the race; retrying on the new base');
      base = await catalog.loadTable(base.identifier);
    }
  }
}
