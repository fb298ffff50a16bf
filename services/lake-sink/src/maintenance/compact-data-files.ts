import type { Logger } from '@fraud/common';
import type { SqlCatalog, TableIdentifier } from '../catalog/index.js';
import type { FileIO } from '../io/index.js';
import { ADDED, DELETED, type DataFile } from '../manifest/index.js';
import { currentSchema, currentSnapshot, defaultSpec } from '../metadata/index.js';
import { decodeDataFile, type EncodeDataFileOptions } from '../parquet/index.js';
import { partitionPath } from '../partition/index.js';
import {
  carriedSummary,
  commitWithRetry,
  readLiveEntries,
  snapshotSummary,
  writeDataFile,
  writeSnapshot,
} from '../table/index.js';
import { planCompaction, type CompactionGroup } from './plan-compaction.js';
import { rewriteEntries } from './rewrite-entries.js';

export interface CompactDataFilesOptions extends EncodeDataFileOptions {
  readonly catalog: SqlCatalog;
  readonly io: FileIO;
  readonly logger: Logger;
  readonly identifier: TableIdentifier;
  /** Size of the files compaction writes; default 128 MiB (half Iceberg's 512 MiB default, as
   * the sink's tables are small and one file is decoded in memory). */
  readonly targetFileSizeBytes?: number;
  /** Default 5, as Iceberg's RewriteDataFiles `min-input-files`. */
  readonly minInputFiles?: number;
  /** Plan only: report what would be rewritten, write and commit nothing. */
  readonly dryRun?: boolean;
  readonly maxCommitAttempts?: number;
}

export interface CompactedPartition {
  readonly partition: string;
  readonly inputFiles: number;
  readonly outputFiles: number;
  readonly records: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
}

export interface CompactionResult {
  readonly partitions: readonly CompactedPartition[];
  /** The `replace` snapshot committed; absent on a dry run or when nothing needed rewriting. */
  readonly snapshotId?: number;
}

const DEFAULT_TARGET_FILE_SIZE = 128 * 1024 * 1024;

/** Splits rows into `count` chunks of near-equal length, keeping their order. */
function chunks<T>(rows: readonly T[], count: number): T[][] {
  const size = Math.ceil(rows.length / count);
  return Array.from({ length: count }, (_, i) => rows.slice(i * size, (i + 1) * size)).filter(
    (c) => c.length > 0,
  );
}

/**
 * Rewrites each partition's small data files into fewer larger ones and commits them as one
 * `replace` snapshot: the new files ADDED, the old ones DELETED, so the row set is unchanged
 * and older snapshots (time travel) still read the old files until snapshot expiry drops them.
 * Rows are read by field id and written with the current schema, so compaction also brings old
 * files up to the latest columns (null where they had none).
 */
export async function compactDataFiles(
  options: CompactDataFilesOptions,
): Promise<CompactionResult> {
  const { catalog, io, identifier } = options;
  const logger = options.logger.child({
    component: 'compaction',
    table: `${identifier.namespace}.${identifier.name}`,
  });
  const table = await catalog.loadTable(identifier);
  const { metadata } = table;
  const spec = defaultSpec(metadata);
  const schema = currentSchema(metadata);
  // The writer has one partition spec (no spec evolution), so every live file is under `spec`.
  const live = (await readLiveEntries(io, metadata, currentSnapshot(metadata))).map(
    (e) => e.dataFile,
  );
  const groups = planCompaction(live, {
    targetFileSizeBytes: options.targetFileSizeBytes ?? DEFAULT_TARGET_FILE_SIZE,
    minInputFiles: options.minInputFiles ?? 5,
  });
  const describe = (group: CompactionGroup, outputs: readonly DataFile[]): CompactedPartition => ({
    partition: partitionPath(spec, group.partition) || '(unpartitioned)',
    inputFiles: group.inputs.length,
    outputFiles: outputs.length === 0 ? group.outputFileCount : outputs.length,
    records: group.inputs.reduce((acc, f) => acc + f.recordCount, 0),
    inputBytes: group.inputs.reduce((acc, f) => acc + f.fileSizeInBytes, 0),
    outputBytes: outputs.reduce((acc, f) => acc + f.fileSizeInBytes, 0),
  });
  if (groups.length === 0 || options.dryRun === true) {
    return { partitions: groups.map((g) => describe(g, [])) };
  }

  const added: DataFile[] = [];
  const partitions: CompactedPartition[] = [];
  for (const group of groups) {
    const rows = [];
    for (const input of group.inputs)
      rows.push(...(await decodeDataFile(schema, await io.read(input.filePath))));
    const outputs: DataFile[] = [];
    for (const chunk of chunks(rows, group.outputFileCount)) {
      outputs.push(
        await writeDataFile(
          { ...options, location: metadata.location, schema, spec },
          group.partition,
          chunk,
        ),
      );
    }
    added.push(...outputs);
    partitions.push(describe(group, outputs));
  }
  const removedFiles = groups.flatMap((g) => g.inputs);
  const removedPaths = new Set(removedFiles.map((f) => f.filePath));

  try {
    const committed = await commitWithRetry({
      catalog,
      logger,
      base: table,
      maxAttempts: options.maxCommitAttempts ?? 10,
      async build({ metadata: base }) {
        const split = await rewriteEntries(io, base, removedPaths);
        return writeSnapshot(io, base, {
          operation: 'replace',
          entries: (snapshotId, sequenceNumber) => [
            ...added.map((dataFile) => ({
              status: ADDED,
              snapshotId,
              sequenceNumber,
              fileSequenceNumber: sequenceNumber,
              dataFile,
            })),
            // Deleted entries keep the data sequence numbers the files had when live.
            ...split.removed.map((entry) => ({ ...entry, status: DELETED, snapshotId })),
            ...split.existing,
          ],
          keptManifests: split.keptManifests,
          summary: (previous) =>
            snapshotSummary(
              'replace',
              previous,
              added,
              split.removed.map((e) => e.dataFile),
              carriedSummary(previous),
            ),
        });
      },
    });
    const snapshotId = committed.metadata['current-snapshot-id'];
    logger.info({ snapshotId, rewritten: removedFiles.length, added: added.length }, 'compacted');
    return { partitions, ...(snapshotId === undefined ? {} : { snapshotId }) };
  } catch (error) {
    // The new files were never referenced; removing them now spares the orphan sweep.
    await Promise.all(added.map((f) => io.remove(f.filePath)));
    throw error;
  }
}
