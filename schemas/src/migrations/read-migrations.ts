import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MigrationError } from '../errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file: an applied migration must never change afterwards. */
  checksum: string;
}

/** `schemas/migrations`, next to this package's src folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migration files in version order; `NNNN_name.sql`, versions unique. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match?.[1] || !match[2]) {
        throw new MigrationError('MIGRATION_INVALID', file, 'expected NNNN_name.sql');
      }
      const sql = readFileSync(join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { version: Number(match[1]), name: match[2], sql, checksum };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]?.version === m.version) {
      throw new MigrationError(
        'MIGRATION_INVALID',
        m.name,
        `two migrations share version ${m.version}`,
      );
    }
  });
  return migrations;
}
