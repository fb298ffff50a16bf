import type { Logger } from '@fraud/common';
import type { SqlCatalog, LoadedTable, TableIdentifier } from '../catalog/index.js';
import type { FileIO } from '../io/index.js';
import { ADDED, type DataFile } from '../manifest/index.js';
import {
  currentSchema,
  currentSnapshot,
  defaultSpec,
  withAddedColumns,
  type Snapshot,
} from '../metadata/index.js';
import type { EncodeDataFileOptions } from '../parquet/index.js';
import type { ColumnSpec, IcebergSchema } from '../schema/index.js';
import { readManifestList } from './read-manifests.js';
import { commitWithRetry } from './commit-with-retry.js';
import { checkExtraSummary, snapshotSummary } from './snapshot-summary.js';
import { writeDataFiles } from './write-data-files.js';
import { writeSnapshot } from './write-snapshot.js';

export interface TableWriterOptions extends EncodeDataFileOptions {
  readonly catalog: SqlCatalog;
  readonly io: FileIO;
  readonly logger: Logger;
  readonly identifier: TableIdentifier;
  readonly maxRowsPerFile?: number;
  /** Attempts per commit when another writer moves the table first. */
  readonly maxCommitAttempts?: number;
}

/** Summary entries for a new snapshot, given the snapshot it will follow (undefined: first). */
export type SummaryBuilder = (previous: Snapshot | undefined) => Readonly<Record<string, string>>;

export interface AppendOptions {
  /**
   * Extra snapshot summary entries committed atomically with the rows. The sink stores the
   * Kafka offsets a commit covers here, so offsets and data can never disagree. As a function
   * it is called on every attempt with the snapshot the commit builds on, so a retry after a
   * lost compare-and-swap merges with (or refuses) what the winner committed; a throw aborts
   * the append.
   */
  readonly summary?: Readonly<Record<string, string>> | SummaryBuilder;
}

export interface TableWriter<Row extends object> {
  /** The table as last loaded or committed. */
  readonly table: () => LoadedTable;
  refresh(): Promise<LoadedTable>;
  /** Appends rows as one snapshot; retries on the new base when a concurrent commit wins. */
  append(rows: readonly Row[], options?: AppendOptions): Promise<Snapshot>;
  /**
   * The two halves of `append`: writes rows as data files (invisible until committed; orphans
   * if never committed) for the current schema and spec...
   */
  writeFiles(rows: readonly Row[]): Promise<DataFile[]>;
  /** ...and commits written files as one append snapshot. */
  appendFiles(files: readonly DataFile[], options?: AppendOptions): Promise<Snapshot>;
  /**
   * Adds optional columns (a new schema id; old files are not rewritten) and makes later
   * appends write them. Columns that already exist with the same type are skipped.
   */
  addColumns(columns: readonly ColumnSpec[]): Promise<IcebergSchema>;
  /** The summary of the current snapshot (where the sink finds the offsets to resume from). */
  currentSummary(): Readonly<Record<string, string>> | undefined;
}

export async function createTableWriter<Row extends object>(
  options: TableWriterOptions,
): Promise<TableWriter<Row>> {
  const { catalog, io, identifier } = options;
  const logger = options.logger.child({
    component: 'table-writer',
    table: `${identifier.namespace}.${identifier.name}`,
  });
  const maxAttempts = options.maxCommitAttempts ?? 10;
  let table = await catalog.loadTable(identifier);

  async function commitFiles(files: readonly DataFile[], extra: SummaryBuilder) {
    // The data files stay valid across retries; only manifests and metadata are redone.
    table = await commitWithRetry({
      catalog,
      logger,
      base: table,
      maxAttempts,
      build: async ({ metadata: base }) =>
        writeSnapshot(io, base, {
          operation: 'append',
          entries: (snapshotId, sequenceNumber) =>
            files.map((dataFile) => ({
              status: ADDED,
              snapshotId,
              sequenceNumber,
              fileSequenceNumber: sequenceNumber,
              dataFile,
            })),
          keptManifests: await readManifestList(io, currentSnapshot(base)),
          summary: (previous) => {
            const entries = extra(previous);
            checkExtraSummary(entries);
            return snapshotSummary('append', previous, files, [], entries);
          },
        }),
    });
  }

  const writeFiles = (rows: readonly Row[]) =>
    writeDataFiles(
      {
        ...options,
        location: table.metadata.location,
        schema: currentSchema(table.metadata),
        spec: defaultSpec(table.metadata),
      },
      rows as readonly Readonly<Record<string, unknown>>[],
    );

  async function appendFiles(files: readonly DataFile[], appendOptions: AppendOptions = {}) {
    const given = appendOptions.summary ?? {};
    await commitFiles(files, typeof given === 'function' ? given : () => given);
    const snapshot = currentSnapshot(table.metadata);
    if (snapshot === undefined) throw new Error('committed table has no current snapshot');
    logger.debug({ snapshotId: snapshot['snapshot-id'], files: files.length }, 'appended');
    return snapshot;
  }

  return {
    table: () => table,
    refresh: async () => (table = await catalog.loadTable(identifier)),

    async append(rows, appendOptions = {}) {
      // Checked up front too, so a bad key fails before any file is written.
      if (appendOptions.summary !== undefined && typeof appendOptions.summary !== 'function') {
        checkExtraSummary(appendOptions.summary);
      }
      return appendFiles(await writeFiles(rows), appendOptions);
    },
    writeFiles,
    appendFiles,

    async addColumns(columns) {
      table = await catalog.loadTable(identifier);
      if (withAddedColumns(table.metadata, columns) !== table.metadata) {
        table = await commitWithRetry({
          catalog,
          logger,
          base: table,
          maxAttempts,
          build: async ({ metadata }) => withAddedColumns(metadata, columns),
        });
        logger.info({ schemaId: table.metadata['current-schema-id'] }, 'columns added');
      }
      return currentSchema(table.metadata);
    },

    currentSummary: () => currentSnapshot(table.metadata)?.summary,
  };
}
