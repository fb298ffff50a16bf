import type { DataFile } from '../../manifest/index.js';
import type { EncodeDataFileOptions } from '../../parquet/index.js';
import type { PartitionSpec } from '../../partition/index.js';
import type { IcebergSchema } from '../../schema/index.js';
import type { RecordFailure } from '../decode-records.js';

/** Where and how data files are written: the table's location, schema and spec at the time. */
export interface TableTarget {
  readonly location: string;
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
}

/** How data files are encoded: Parquet options and rows per file. */
export interface DataFileOptions extends EncodeDataFileOptions {
  readonly maxRowsPerFile?: number;
}

export interface EncodedRecords {
  /** Written and not yet referenced by any snapshot: orphans unless committed. */
  readonly files: DataFile[];
  /** Records that did not become rows, by index in the input. */
  readonly failures: RecordFailure[];
}

/**
 * Turns buffered record values into data files: Avro decode, mapping to rows, Parquet. The
 * costliest step of the sink, so it can run beside the consumer (see `createWorkerEncoder`).
 */
export interface RecordEncoder {
  encode(values: readonly (Buffer | null)[], target: TableTarget): Promise<EncodedRecords>;
  close(): Promise<void>;
}
