import type pg from 'pg';
import { classifyDatabaseError } from './database-errors.js';
import { inTransaction } from './transaction.js';

/**
 * What request handlers and stores use instead of the pool: one statement, or a transaction;
 * an unavailable database surfaces as DATABASE_UNAVAILABLE (503 + Retry-After).
 */
export interface Db {
  /** `name` makes it a prepared statement, parsed and planned once per connection. */
  query<R extends pg.QueryResultRow>(
    text: string,
    values?: unknown[],
    name?: string,
  ): Promise<pg.QueryResult<R>>;
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

export function createDb(pool: pg.Pool): Db {
  return {
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], name?: string) {
      try {
        return await pool.query<R>(name === undefined ? { text, values } : { text, values, name });
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
    async transaction(work) {
      try {
        return await inTransaction(pool, work);
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
  };
}
