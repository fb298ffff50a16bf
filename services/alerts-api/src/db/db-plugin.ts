import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import { createDb, type Db } from './db.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Statements and transactions; an unavailable database throws DATABASE_UNAVAILABLE. */
    db: Db;
  }
}

const dbPlugin: FastifyPluginAsync<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.decorate('db', createDb(pool));
};

/** The pool is owned by the caller (server.ts ends it after the app closed). */
export const db = fp(dbPlugin, { name: 'alerts-db', fastify: '5.x' });

/** Readiness: a connection can be had and answers. */
export const databaseReady = (pool: pg.Pool) => async () => {
  await pool.query('SELECT 1');
};
