import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createLogger, loadStackPorts, localStackUrls, type Logger } from '@fraud/common';
import {
  createLocalFileIO,
  createSqlCatalog,
  toFileUri,
  type FileIO,
  type SqlCatalog,
} from '../../src/index.js';

/**
 * A catalog of its own (a unique catalog_name) in the stack's PostgreSQL, with a scratch
 * warehouse folder: one per test file, so test files never see each other's tables.
 */
export interface ScratchCatalog {
  databaseUrl: string;
  catalogName: string;
  warehouseDir: string;
  catalog: SqlCatalog;
  io: FileIO;
  logger: Logger;
  /** Deletes the catalog's rows and the warehouse folder. */
  drop(): Promise<void>;
}

export async function openScratchCatalog(catalogName: string): Promise<ScratchCatalog> {
  const databaseUrl = process.env.DATABASE_URL ?? localStackUrls(loadStackPorts()).databaseUrl;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const logger = createLogger({ name: 'lake-sink-test', level: 'warn' });
  const io = createLocalFileIO();
  const warehouseDir = await mkdtemp(join(tmpdir(), `${catalogName}-`));
  const catalog = createSqlCatalog({
    pool,
    io,
    logger,
    name: catalogName,
    warehouse: toFileUri(warehouseDir),
  });
  await catalog.ensureTables();
  return {
    databaseUrl,
    catalogName,
    warehouseDir,
    catalog,
    io,
    logger,
    async drop() {
      await pool.query('DELETE FROM iceberg_tables WHERE catalog_name = $1', [catalogName]);
      await pool.query('DELETE FROM iceberg_namespace_properties WHERE catalog_name = $1', [
        catalogName,
      ]);
      await pool.end();
      await rm(warehouseDir, { recursive: true, force: true });
    },
  };
}
