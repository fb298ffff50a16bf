import { decodeContainer, encodeContainer } from '../avro/index.js';
import type { FieldSummaryRecord, ManifestFileRecord } from './avro-records.js';
import { MANIFEST_LIST_SCHEMA } from './avro-schemas.js';
import type { ManifestFile } from './types.js';

export interface ManifestListHeader {
  readonly snapshotId: number;
  readonly parentSnapshotId: number | null;
  readonly sequenceNumber: number;
}

const bytesOrNull = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b));

export function encodeManifestList(
  header: ManifestListHeader,
  manifests: readonly ManifestFile[],
): Uint8Array {
  const records: ManifestFileRecord[] = manifests.map((m) => ({
    manifest_path: m.manifestPath,
    manifest_length: m.manifestLength,
    partition_spec_id: m.partitionSpecId,
    content: 0,
    sequence_number: m.sequenceNumber,
    min_sequence_number: m.minSequenceNumber,
    added_snapshot_id: m.addedSnapshotId,
    added_files_count: m.addedFilesCount,
    existing_files_count: m.existingFilesCount,
    deleted_files_count: m.deletedFilesCount,
    added_rows_count: m.addedRowsCount,
    existing_rows_count: m.existingRowsCount,
    deleted_rows_count: m.deletedRowsCount,
    partitions: m.partitions.map((p): FieldSummaryRecord => ({
      contains_null: p.containsNull,
      contains_nan: null,
      lower_bound: bytesOrNull(p.lowerBound),
      upper_bound: bytesOrNull(p.upperBound),
    })),
    key_metadata: null,
  }));
  return encodeContainer({
    schema: MANIFEST_LIST_SCHEMA,
    records,
    metadata: {
      'snapshot-id': String(header.snapshotId),
      'parent-snapshot-id':
        header.parentSnapshotId === null ? 'null' : String(header.parentSnapshotId),
      'sequence-number': String(header.sequenceNumber),
      'format-version': '2',
    },
  });
}

export function decodeManifestList(bytes: Uint8Array): ManifestFile[] {
  const records = decodeContainer(bytes).records as ManifestFileRecord[];
  return records.map((r) => ({
    manifestPath: r.manifest_path,
    manifestLength: r.manifest_length,
    partitionSpecId: r.partition_spec_id,
    sequenceNumber: r.sequence_number,
    minSequenceNumber: r.min_sequence_number,
    addedSnapshotId: r.added_snapshot_id,
    addedFilesCount: r.added_files_count,
    existingFilesCount: r.existing_files_count,
    deletedFilesCount: r.deleted_files_count,
    addedRowsCount: r.added_rows_count,
    existingRowsCount: r.existing_rows_count,
    deletedRowsCount: r.deleted_rows_count,
    partitions: (r.partitions ?? []).map((p) => ({
      containsNull: p.contains_null,
      lowerBound: p.lower_bound === null ? null : new Uint8Array(p.lower_bound),
      upperBound: p.upper_bound === null ? null : new Uint8Array(p.upper_bound),
    })),
  }));
}
