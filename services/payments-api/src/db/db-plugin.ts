import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import { classifyDatabaseError } from './database-errors.js';
import type { Query } from './query.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs one statement on the pool; an unavailable database throws DATABASE_UNAVAILABLE. */
    sql: Query;
  }
}

export interface DbPluginOptions {
  /** Owned by the caller (server.ts ends it after the app closed). */
  pool: pg.Pool;
}

const dbPlugin: FastifyPluginAsync<DbPluginOptions> = async (app, { pool }) => {
  app.decorate(
    'sql',
    async <R extends pg.QueryResultRow>(text: string, values?: unknown[], name?: string) => {
      try {
        const config = { text, values: values ?? [] };
        return await pool.query<R>(name === undefined ? config : { ...config, name });
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
  );
};

export const db = fp(dbPlugin, { name: 'payments-db', fastify: '5.x' });

/** Readiness: a connection can be had and answers. */
export const databaseReady = (pool: pg.Pool) => async () => {
  await pool.query('SELECT 1');
};
