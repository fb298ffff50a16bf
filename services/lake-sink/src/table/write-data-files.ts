import { randomUUID } from 'node:crypto';
import type { FileIO } from '../io/index.js';
import type { DataFile } from '../manifest/index.js';
import { encodeDataFile, type EncodeDataFileOptions } from '../parquet/index.js';
import {
  partitionPath,
  partitionValues,
  type PartitionSpec,
  type PartitionValues,
} from '../partition/index.js';
import type { IcebergSchema } from '../schema/index.js';

type Row = Readonly<Record<string, unknown>>;

export interface WriteDataFilesOptions extends EncodeDataFileOptions {
  readonly io: FileIO;
  readonly location: string;
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
  /** Rows per data file; bigger files read faster, smaller ones commit sooner. */
  readonly maxRowsPerFile?: number;
}

function groupByPartition(spec: PartitionSpec, schema: IcebergSchema, rows: readonly Row[]) {
  const groups = new Map<string, { values: PartitionValues; rows: Row[] }>();
  for (const row of rows) {
    const values = partitionValues(spec, schema, row);
    const key = JSON.stringify(values);
    const group = groups.get(key) ?? { values, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Writes rows as Parquet files, one or more per partition, under `<table>/data/<partition>/`.
 * The files are invisible until a snapshot references them: a crash before the commit leaves
 * only orphans, which `removeOrphanFiles` deletes.
 */
export async function writeDataFiles(
  options: WriteDataFilesOptions,
  rows: readonly Row[],
): Promise<DataFile[]> {
  const maxRows = options.maxRowsPerFile ?? 500_000;
  const files: DataFile[] = [];
  for (const group of groupByPartition(options.spec, options.schema, rows)) {
    for (let start = 0; start < group.rows.length; start += maxRows) {
      files.push(
        await writeDataFile(options, group.values, group.rows.slice(start, start + maxRows)),
      );
    }
  }
  return files;
}

/**
 * Writes one Parquet file of rows already known to share `partition` (compaction rewrites a
 * partition's rows without recomputing their partition values).
 */
export async function writeDataFile(
  options: Omit<WriteDataFilesOptions, 'maxRowsPerFile'>,
  partition: PartitionValues,
  rows: readonly Row[],
): Promise<DataFile> {
  const encoded = encodeDataFile(options.schema, rows, options);
  const dir = partitionPath(options.spec, partition);
  const filePath = `${options.location}/data/${dir === '' ? '' : `${dir}/`}${randomUUID()}.parquet`;
  await options.io.create(filePath, encoded.bytes);
  return {
    filePath,
    fileSizeInBytes: encoded.bytes.byteLength,
    recordCount: encoded.recordCount,
    partition,
    ...encoded.metrics,
  };
}
