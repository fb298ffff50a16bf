import type pg from 'pg';

/**
 * One statement against the database; stores receive it instead of a pool. `name` makes it a
 * prepared statement (parsed and planned once per connection): for the hot paths.
 */
export type Query = <R extends pg.QueryResultRow>(
  text: string,
  values?: unknown[],
  name?: string,
) => Promise<pg.QueryResult<R>>;
