import type { PartitionValues } from '../partition/index.js';

/** A data file as a manifest entry describes it (spec "Manifests", data_file struct). */
export interface DataFile {
  readonly filePath: string;
  readonly fileSizeInBytes: number;
  readonly recordCount: number;
  readonly partition: PartitionValues;
  readonly valueCounts: ReadonlyMap<number, number>;
  readonly nullValueCounts: ReadonlyMap<number, number>;
  readonly lowerBounds: ReadonlyMap<number, Uint8Array>;
  readonly upperBounds: ReadonlyMap<number, Uint8Array>;
}

/** 0 existing, 1 added, 2 deleted: how the entry's snapshot changed the file. */
export type EntryStatus = 0 | 1 | 2;
export const EXISTING: EntryStatus = 0;
export const ADDED: EntryStatus = 1;
export const DELETED: EntryStatus = 2;

export interface ManifestEntry {
  readonly status: EntryStatus;
  readonly snapshotId: number;
  readonly sequenceNumber: number;
  readonly fileSequenceNumber: number;
  readonly dataFile: DataFile;
}

/** One line of a manifest list (spec "Manifest Lists", fields 500–519). */
export interface ManifestFile {
  readonly manifestPath: string;
  readonly manifestLength: number;
  readonly partitionSpecId: number;
  readonly sequenceNumber: number;
  readonly minSequenceNumber: number;
  readonly addedSnapshotId: number;
  readonly addedFilesCount: number;
  readonly existingFilesCount: number;
  readonly deletedFilesCount: number;
  readonly addedRowsCount: number;
  readonly existingRowsCount: number;
  readonly deletedRowsCount: number;
  readonly partitions: readonly PartitionFieldSummary[];
}

export interface PartitionFieldSummary {
  readonly containsNull: boolean;
  readonly lowerBound: Uint8Array | null;
  readonly upperBound: Uint8Array | null;
}
