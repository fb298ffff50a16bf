-- The roles and databases that infra/stack/src/components/postgres.ts (bootstrap) creates for
-- the no-Docker stack; demo-only passwords, loopback only.
CREATE ROLE fraud WITH LOGIN CREATEDB PASSWORD 'fraud';
CREATE ROLE registry WITH LOGIN PASSWORD 'registry';
CREATE ROLE debezium WITH LOGIN REPLICATION PASSWORD 'debezium';
CREATE DATABASE fraud OWNER fraud;
CREATE DATABASE registry OWNER registry;
\connect fraud
GRANT CONNECT, CREATE ON DATABASE fraud TO debezium;
GRANT USAGE ON SCHEMA public TO debezium;
GRANT CREATE ON SCHEMA public TO fraud;
ALTER DEFAULT PRIVILEGES FOR ROLE fraud IN SCHEMA public GRANT SELECT ON TABLES TO debezium;
