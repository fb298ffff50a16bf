import type { Pool } from 'pg';
import type { Logger } from '@fraud/common';
import { LakeError } from '../errors.js';
import type { FileIO } from '../io/index.js';
import {
  newTableMetadata,
  parseTableMetadata,
  serializeTableMetadata,
  withPreviousFile,
  type NewTableOptions,
  type TableMetadata,
} from '../metadata/index.js';
import { ALREADY_EXISTS_CODES, CREATE_TABLES_SQL } from './ddl.js';
import { nextMetadataLocation, versionHint } from './metadata-location.js';

export interface TableIdentifier {
  /** Dot-separated levels, stored as is (pyiceberg's `namespace_to_string`). */
  readonly namespace: string;
  readonly name: string;
}

/** A table as read from the catalog: the base every commit is compared against. */
export interface LoadedTable {
  readonly identifier: TableIdentifier;
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
}

export interface SqlCatalogOptions {
  readonly pool: Pool;
  readonly io: FileIO;
  readonly logger: Logger;
  /** The catalog_name column: tables of other catalogs in the same database stay invisible. */
  readonly name: string;
  /** Tables default to `<warehouse>/<namespace>.db/<table>`, pyiceberg's layout. */
  readonly warehouse: string;
}

export interface SqlCatalog {
  readonly name: string;
  ensureTables(): Promise<void>;
  createNamespace(namespace: string): Promise<void>;
  createTable(
    identifier: TableIdentifier,
    options: Omit<NewTableOptions, 'location'> & { location?: string },
  ): Promise<LoadedTable>;
  loadTable(identifier: TableIdentifier): Promise<LoadedTable>;
  /** Writes `next` as a new metadata file and swaps the pointer if `base` is still current. */
  commitTable(base: LoadedTable, next: TableMetadata): Promise<LoadedTable>;
}

const isAlreadyExists = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  ALREADY_EXISTS_CODES.has(String(error.code));

const label = (id: TableIdentifier) => `${id.namespace}.${id.name}`;

export function createSqlCatalog(options: SqlCatalogOptions): SqlCatalog {
  const { pool, io, name } = options;
  const logger = options.logger.child({ component: 'sql-catalog', catalog: name });

  async function writeMetadata(location: string, metadata: TableMetadata): Promise<void> {
    await io.create(location, new TextEncoder().encode(serializeTableMetadata(metadata)));
  }

  // The hint is a convenience for path-based readers; the catalog row stays the truth, so a
  // failure here is logged and the commit still stands.
  async function writeVersionHint(location: string): Promise<void> {
    const hint = versionHint(location);
    try {
      await io.overwrite(hint.uri, new TextEncoder().encode(hint.content));
    } catch (error) {
      logger.warn({ err: error, location }, 'version-hint.text not updated');
    }
  }

  return {
    name,

    async ensureTables() {
      for (const sql of CREATE_TABLES_SQL) {
        try {
          await pool.query(sql);
        } catch (error) {
          // Two processes starting together race on CREATE TABLE IF NOT EXISTS in PostgreSQL.
          if (!isAlreadyExists(error)) throw error;
        }
      }
    },

    async createNamespace(namespace) {
      await pool.query(
        `INSERT INTO iceberg_namespace_properties (catalog_name, namespace, property_key, property_value)
         VALUES ($1, $2, 'exists', 'true') ON CONFLICT DO NOTHING`,
        [name, namespace],
      );
    },

    async createTable(identifier, tableOptions) {
      const exists = await pool.query(
        `SELECT 1 FROM iceberg_namespace_properties WHERE catalog_name = $1 AND namespace = $2
         UNION ALL SELECT 1 FROM iceberg_tables WHERE catalog_name = $1 AND table_namespace = $2
         LIMIT 1`,
        [name, identifier.namespace],
      );
      if (exists.rowCount === 0) {
        throw new LakeError('NAMESPACE_NOT_FOUND', `no namespace ${identifier.namespace}`, {
          context: { table: label(identifier) },
        });
      }
      const location =
        tableOptions.location ??
        `${options.warehouse}/${identifier.namespace}.db/${identifier.name}`;
      const metadata = newTableMetadata({ ...tableOptions, location });
      const metadataLocation = nextMetadataLocation(location, null);
      await writeMetadata(metadataLocation, metadata);
      try {
        await pool.query(
          `INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location,
             previous_metadata_location, iceberg_type) VALUES ($1, $2, $3, $4, NULL, 'TABLE')`,
          [name, identifier.namespace, identifier.name, metadataLocation],
        );
      } catch (error) {
        await io.remove(metadataLocation);
        if (isAlreadyExists(error)) {
          throw new LakeError('TABLE_EXISTS', `table ${label(identifier)} exists`, {
            context: { table: label(identifier) },
          });
        }
        throw error;
      }
      await writeVersionHint(metadataLocation);
      logger.info({ table: label(identifier), metadataLocation }, 'table created');
      return { identifier, metadataLocation, metadata };
    },

    async loadTable(identifier) {
      const result = await pool.query<{ metadata_location: string | null }>(
        `SELECT metadata_location FROM iceberg_tables
         WHERE catalog_name = $1 AND table_namespace = $2 AND table_name = $3
           AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)`,
        [name, identifier.namespace, identifier.name],
      );
      const metadataLocation = result.rows[0]?.metadata_location;
      if (metadataLocation === undefined || metadataLocation === null) {
        throw new LakeError('TABLE_NOT_FOUND', `no table ${label(identifier)}`, {
          context: { table: label(identifier) },
        });
      }
      const text = new TextDecoder().decode(await io.read(metadataLocation));
      return { identifier, metadataLocation, metadata: parseTableMetadata(text, metadataLocation) };
    },

    async commitTable(base, next) {
      const metadata = withPreviousFile(base.metadata, base.metadataLocation, next);
      const metadataLocation = nextMetadataLocation(metadata.location, base.metadataLocation);
      await writeMetadata(metadataLocation, metadata);
      // The compare-and-swap: only one writer can move the pointer away from `base`.
      const result = await pool.query(
        `UPDATE iceberg_tables SET metadata_location = $1, previous_metadata_location = $2
         WHERE catalog_name = $3 AND table_namespace = $4 AND table_name = $5
           AND metadata_location = $2`,
        [
          metadataLocation,
          base.metadataLocation,
          name,
          base.identifier.namespace,
          base.identifier.name,
        ],
      );
      if (result.rowCount !== 1) {
        // Never referenced by anyone: safe to delete right away.
        await io.remove(metadataLocation);
        throw new LakeError(
          'COMMIT_CONFLICT',
          `${label(base.identifier)} changed since it was read`,
          {
            retriable: true,
            context: { table: label(base.identifier) },
          },
        );
      }
      await writeVersionHint(metadataLocation);
      return { identifier: base.identifier, metadataLocation, metadata };
    },
  };
}
