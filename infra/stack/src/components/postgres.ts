import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { LOCAL_DATABASE, STACK_HOST } from '@fraud/common';
import type { StackConfig } from '../config.js';
import { StackError } from '../errors.js';
import { findPostgresBin, postgresRunAs } from '../prerequisites.js';
import type { Component } from './component.js';

/** Demo-only superuser of the local cluster; loopback only. */
export const POSTGRES_SUPERUSER = { user: 'postgres', password: 'postgres' } as const;
/** The registry keeps its schemas in PostgreSQL, so they survive a restart. */
export const REGISTRY_DATABASE = {
  name: 'registry',
  user: 'registry',
  password: 'registry',
} as const;
/** The role Debezium replicates with: REPLICATION, and read access to the app's tables. */
export const CDC_ROLE = { user: 'debezium', password: 'debezium' } as const;

export function postgres(c: StackConfig): Component {
  const port = c.ports.POSTGRES_PORT;
  const dataDir = join(c.dataDir, 'postgres');
  const superuserClient = (database = 'postgres') =>
    new pg.Client({
      host: STACK_HOST,
      port,
      database,
      ...POSTGRES_SUPERUSER,
      connectionTimeoutMillis: 2000,
    });

  return {
    name: 'postgres',
    title: 'PostgreSQL (wal_level=logical)',
    port,
    endpoint: `postgres://${STACK_HOST}:${port}`,
    dependsOn: [],
    stopSignal: 'SIGINT',

    async prepare() {
      if (existsSync(join(dataDir, 'PG_VERSION'))) return;
      const bin = findPostgresBin(c.pgBin);
      const runAs = postgresRunAs();
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      const pwfile = join(c.runDir, 'pg-superuser-password');
      writeFileSync(pwfile, POSTGRES_SUPERUSER.password, { mode: 0o600 });
      if (runAs) {
        chownSync(dataDir, runAs.uid, runAs.gid);
        chownSync(pwfile, runAs.uid, runAs.gid);
      }
      const init = spawnSync(
        join(bin, 'initdb'),
        [
          '-D',
          dataDir,
          '-U',
          POSTGRES_SUPERUSER.user,
          `--pwfile=${pwfile}`,
          '--auth-local=trust',
          '--auth-host=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C',
        ],
        { encoding: 'utf8', ...(runAs ?? {}) },
      );
      rmSync(pwfile, { force: true });
      if (init.status !== 0) {
        throw new StackError(`initdb failed:\n${init.stderr || init.stdout}`, {
          component: 'postgres',
          hint: 'the data folder is not writable, or the disk is full',
        });
      }
    },

    command() {
      const runAs = postgresRunAs();
      return {
        file: join(findPostgresBin(c.pgBin), 'postgres'),
        args: [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-c',
          `listen_addresses=${STACK_HOST}`,
          // TCP only: the default socket folder (/var/run/postgresql) may not be writable.
          '-c',
          'unix_socket_directories=',
          '-c',
          'wal_level=logical',
          '-c',
          'max_wal_senders=10',
          '-c',
          'max_replication_slots=10',
          '-c',
          'max_connections=200',
          '-c',
          'shared_buffers=128MB',
          '-c',
          'log_line_prefix=%m [%p] %q%u@%d ',
        ],
        ...(runAs ?? {}),
      };
    },

    async probe() {
      const client = superuserClient();
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },

    // Roles and databases of the platform; the app's own tables come from its migrations.
    async bootstrap() {
      const client = superuserClient();
      await client.connect();
      try {
        const ensureRole = async (name: string, password: string, options: string) => {
          const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
          const verb = exists.rowCount ? 'ALTER' : 'CREATE';
          await client.query(`${verb} ROLE ${name} WITH ${options} PASSWORD '${password}'`);
        };
        const ensureDatabase = async (name: string, owner: string) => {
          const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
          if (!exists.rowCount) await client.query(`CREATE DATABASE ${name} OWNER ${owner}`);
        };
        await ensureRole(LOCAL_DATABASE.user, LOCAL_DATABASE.password, 'LOGIN CREATEDB');
        await ensureRole(REGISTRY_DATABASE.user, REGISTRY_DATABASE.password, 'LOGIN');
        await ensureRole(CDC_ROLE.user, CDC_ROLE.password, 'LOGIN REPLICATION');
        await ensureDatabase(LOCAL_DATABASE.name, LOCAL_DATABASE.user);
        await ensureDatabase(REGISTRY_DATABASE.name, REGISTRY_DATABASE.user);
      } finally {
        await client.end();
      }
      // Whatever table the app creates, the CDC role may read it for Debezium's snapshot.
      const app = superuserClient(LOCAL_DATABASE.name);
      await app.connect();
      try {
        await app.query(
          `GRANT CONNECT, CREATE ON DATABASE ${LOCAL_DATABASE.name} TO ${CDC_ROLE.user}`,
        );
        await app.query(`GRANT USAGE ON SCHEMA public TO ${CDC_ROLE.user}`);
        await app.query(`GRANT CREATE ON SCHEMA public TO ${LOCAL_DATABASE.user}`);
        await app.query(
          `ALTER DEFAULT PRIVILEGES FOR ROLE ${LOCAL_DATABASE.user} IN SCHEMA public GRANT SELECT ON TABLES TO ${CDC_ROLE.user}`,
        );
      } finally {
        await app.end();
      }
    },

    diagnose(log) {
      if (/could not bind|Address already in use/.test(log)) {
        return `port ${port} is taken by another process: stop it or set POSTGRES_PORT`;
      }
      if (
        /database files are incompatible|invalid checkpoint|could not locate a valid checkpoint|PANIC|is missing|could not open file/.test(
          log,
        )
      ) {
        return 'the data folder looks corrupted: `npm run stack -- reset` wipes .stack/data (jars are kept)';
      }
      if (/Permission denied/.test(log)) return `the postgres user cannot read or write ${dataDir}`;
      return undefined;
    },
  };
}
