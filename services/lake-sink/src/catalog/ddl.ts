/**
 * The catalog tables pyiceberg's SqlCatalog (catalog/sql.py, schema "v1") and Iceberg Java's
 * JdbcCatalog (JdbcUtil, V1 schema) share, so either client opens tables this sink commits.
 */
export const CREATE_TABLES_SQL = [
  `CREATE TABLE IF NOT EXISTS iceberg_tables (
    catalog_name VARCHAR(255) NOT NULL,
    table_namespace VARCHAR(255) NOT NULL,
    table_name VARCHAR(255) NOT NULL,
    metadata_location VARCHAR(1000),
    previous_metadata_location VARCHAR(1000),
    iceberg_type VARCHAR(5),
    PRIMARY KEY (catalog_name, table_namespace, table_name)
  )`,
  `CREATE TABLE IF NOT EXISTS iceberg_namespace_properties (
    catalog_name VARCHAR(255) NOT NULL,
    namespace VARCHAR(255) NOT NULL,
    property_key VARCHAR(255) NOT NULL,
    property_value VARCHAR(1000),
    PRIMARY KEY (catalog_name, namespace, property_key)
  )`,
];

/** PostgreSQL error codes meaning "someone else created it first". */
export const ALREADY_EXISTS_CODES = new Set(['23505', '42P07']);
