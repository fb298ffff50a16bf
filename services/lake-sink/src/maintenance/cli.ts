/**
 * Table maintenance commands: `npm run maintain -w services/lake-sink -- <command> ...`.
 * Prints a human-readable report on stdout; logs (JSON) go to stderr. Exit 0 on success, 2 on
 * a usage error, 1 when the operation failed.
 */
import pg from 'pg';
import { createLogger, type LoggerOptions } from '@fraud/common';
import { createSqlCatalog } from '../catalog/index.js';
import { createLocalFileIO } from '../io/index.js';
import { compactDataFiles } from './compact-data-files.js';
import { expireSnapshots } from './expire-snapshots.js';
import { loadMaintenanceConfig } from './maintenance-config.js';
import { parseCommand, USAGE, type MaintenanceCommand } from './parse-command.js';
import { removeOrphanFiles } from './remove-orphan-files.js';

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KiB`
    : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const when = (ms: number) => new Date(ms).toISOString();

async function run(command: MaintenanceCommand): Promise<string[]> {
  const config = loadMaintenanceConfig();
  // Quiet by default: the report is the output; LOG_LEVEL=info shows the steps on stderr.
  const logger = createLogger({
    name: 'lake-maintenance',
    // loadServiceConfig has checked LOG_LEVEL against pino's levels; TypeBox types it string.
    level: (process.env['LOG_LEVEL'] === undefined ? 'warn' : config.LOG_LEVEL) as NonNullable<
      LoggerOptions['level']
    >,
    destination: { write: (line: string) => process.stderr.write(line) },
  });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
  const io = createLocalFileIO();
  const catalog = createSqlCatalog({
    pool,
    io,
    logger,
    name: config.LAKE_CATALOG,
    warehouse: config.LAKE_WAREHOUSE,
  });
  const base = { catalog, io, logger, identifier: command.table };
  const label = `${command.table.namespace}.${command.table.name}`;
  const prefix = command.dryRun ? '[dry run] ' : '';
  try {
    switch (command.name) {
      case 'compact': {
        const result = await compactDataFiles({ ...base, ...command });
        if (result.partitions.length === 0) return [`${label}: no partition needs compaction`];
        return [
          ...result.partitions.map(
            (p) =>
              `${prefix}${p.partition}: ${p.inputFiles} files (${size(p.inputBytes)}) -> ` +
              `${p.outputFiles} file(s)${command.dryRun ? '' : ` (${size(p.outputBytes)})`}, ` +
              `${p.records} rows`,
          ),
          result.snapshotId === undefined
            ? `${prefix}${label}: nothing committed`
            : `${label}: committed replace snapshot ${result.snapshotId}`,
        ];
      }
      case 'expire-snapshots': {
        const result = await expireSnapshots({ ...base, ...command });
        if (result.expiredSnapshotIds.length === 0) return [`${label}: no snapshot to expire`];
        return [
          `${prefix}${label}: ${command.dryRun ? 'would expire' : 'expired'} ` +
            `${result.expiredSnapshotIds.length} snapshot(s): ${result.expiredSnapshotIds.join(', ')}`,
          `${prefix}${command.dryRun ? 'would delete' : 'deleted'} ${result.deletedFiles.length} file(s)`,
          ...result.deletedFiles.map((uri) => `  ${uri}`),
        ];
      }
      case 'remove-orphans': {
        const result = await removeOrphanFiles({ ...base, ...command });
        const verb = command.dryRun ? 'would remove' : 'removed';
        return [
          `${prefix}${label}: ${verb} ${result.orphans.length} orphan file(s) older than ${when(command.olderThanMs)}`,
          ...result.orphans.map((o) => `  ${o.uri}  (modified ${when(o.modifiedMs)})`),
        ];
      }
    }
  } finally {
    await pool.end();
  }
}

const parsed = parseCommand(process.argv.slice(2), Date.now());
if (!parsed.ok) {
  console.error(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
try {
  for (const line of await run(parsed.command)) console.log(line);
} catch (error) {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? `${String(error.code)}: ` : '';
  console.error(`${parsed.command.name} failed: ${code}${(error as Error).message}`);
  process.exit(1);
}
