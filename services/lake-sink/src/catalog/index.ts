export {
  createSqlCatalog,
  type LoadedTable,
  type SqlCatalog,
  type SqlCatalogOptions,
  type TableIdentifier,
} from './sql-catalog.js';
export { CREATE_TABLES_SQL } from './ddl.js';
export { nextMetadataLocation, versionHint } from './metadata-location.js';
