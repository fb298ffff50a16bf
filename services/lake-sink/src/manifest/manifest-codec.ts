import { decodeContainer, encodeContainer } from '../avro/index.js';
import type { PartitionSpec } from '../partition/index.js';
import type { IcebergSchema } from '../schema/index.js';
import type { DataFileRecord, IntKeyValue, ManifestEntryRecord } from './avro-records.js';
import { manifestEntrySchema } from './avro-schemas.js';
import type { DataFile, EntryStatus, ManifestEntry } from './types.js';

const toPairs = <V, W>(map: ReadonlyMap<number, V>, convert: (v: V) => W): IntKeyValue<W>[] =>
  [...map].map(([key, value]) => ({ key, value: convert(value) }));

const toMap = <V, W>(pairs: IntKeyValue<V>[] | null, convert: (v: V) => W): Map<number, W> =>
  new Map((pairs ?? []).map((p) => [p.key, convert(p.value)]));

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes);
const same = <T>(v: T): T => v;

function toDataFileRecord(spec: PartitionSpec, file: DataFile): DataFileRecord {
  const partition: Record<string, number | null> = {};
  spec.fields.forEach((field, i) => (partition[field.name] = file.partition[i] ?? null));
  return {
    content: 0,
    file_path: file.filePath,
    file_format: 'PARQUET',
    partition,
    record_count: file.recordCount,
    file_size_in_bytes: file.fileSizeInBytes,
    column_sizes: null,
    value_counts: toPairs(file.valueCounts, same),
    null_value_counts: toPairs(file.nullValueCounts, same),
    nan_value_counts: null,
    lower_bounds: toPairs(file.lowerBounds, toBuffer),
    upper_bounds: toPairs(file.upperBounds, toBuffer),
    key_metadata: null,
    split_offsets: null,
    equality_ids: null,
    sort_order_id: null,
  };
}

export interface ManifestHeader {
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
}

/** Encodes a data manifest; the header keys are those Iceberg readers look up by name. */
export function encodeManifest(
  header: ManifestHeader,
  entries: readonly ManifestEntry[],
): Uint8Array {
  const records: ManifestEntryRecord[] = entries.map((entry) => ({
    status: entry.status,
    snapshot_id: entry.snapshotId,
    sequence_number: entry.sequenceNumber,
    file_sequence_number: entry.fileSequenceNumber,
    data_file: toDataFileRecord(header.spec, entry.dataFile),
  }));
  return encodeContainer({
    schema: manifestEntrySchema(header.spec),
    records,
    metadata: {
      schema: JSON.stringify(header.schema),
      'schema-id': String(header.schema['schema-id']),
      'partition-spec': JSON.stringify(header.spec.fields),
      'partition-spec-id': String(header.spec['spec-id']),
      'format-version': '2',
      content: 'data',
    },
  });
}

/**
 * Decodes a manifest. Sequence numbers left null by writers that use inheritance are filled in
 * from the manifest list entry, as the spec's "Sequence Number Inheritance" prescribes.
 */
export function decodeManifest(
  bytes: Uint8Array,
  spec: PartitionSpec,
  inherited: { snapshotId: number; sequenceNumber: number },
): ManifestEntry[] {
  const records = decodeContainer(bytes).records as ManifestEntryRecord[];
  return records.map((record) => {
    const file = record.data_file;
    const sequenceNumber = record.sequence_number ?? inherited.sequenceNumber;
    return {
      status: record.status as EntryStatus,
      snapshotId: record.snapshot_id ?? inherited.snapshotId,
      sequenceNumber,
      fileSequenceNumber: record.file_sequence_number ?? sequenceNumber,
      dataFile: {
        filePath: file.file_path,
        fileSizeInBytes: file.file_size_in_bytes,
        recordCount: file.record_count,
        partition: spec.fields.map((f) => file.partition[f.name] ?? null),
        valueCounts: toMap(file.value_counts, same),
        nullValueCounts: toMap(file.null_value_counts, same),
        lowerBounds: toMap(file.lower_bounds, (b) => new Uint8Array(b)),
        upperBounds: toMap(file.upper_bounds, (b) => new Uint8Array(b)),
      },
    };
  });
}
