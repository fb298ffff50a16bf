import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayPartitionSpec } from '../partition/index.js';
import { defineSchema } from '../schema/index.js';
import { decodeManifest, encodeManifest } from './manifest-codec.js';
import { decodeManifestList, encodeManifestList } from './manifest-list-codec.js';
import { summarizePartitions } from './summarize-partitions.js';
import { ADDED, type ManifestEntry } from './types.js';

const schema = defineSchema([
  { name: 'id', type: 'string', required: true },
  { name: 'at', type: 'timestamptz', required: true },
]);
const spec = dayPartitionSpec(schema, 'at');

const entry = (day: number | null): ManifestEntry => ({
  status: ADDED,
  snapshotId: 42,
  sequenceNumber: 3,
  fileSequenceNumber: 3,
  dataFile: {
    filePath: `file:///t/data/${String(day)}.parquet`,
    fileSizeInBytes: 1234,
    recordCount: 10,
    partition: [day],
    valueCounts: new Map([[1, 10]]),
    nullValueCounts: new Map([[1, 0]]),
    lowerBounds: new Map([[1, Uint8Array.of(97)]]),
    upperBounds: new Map([[1, Uint8Array.of(122)]]),
  },
});

describe('manifest codec', () => {
  it('round-trips entries and writes the header keys readers look up', () => {
    const entries = [entry(19_844), entry(null)];
    const bytes = encodeManifest({ schema, spec }, entries);
    assert.deepEqual(decodeManifest(bytes, spec, { snapshotId: 0, sequenceNumber: 0 }), entries);
  });

  it('summarises partition bounds as 4-byte little-endian dates', () => {
    const [summary] = summarizePartitions(spec, [entry(19_845), entry(19_844), entry(null)]);
    assert.equal(summary?.containsNull, true);
    assert.deepEqual(summary?.lowerBound, Uint8Array.of(0x84, 0x4d, 0, 0));
    assert.deepEqual(summary?.upperBound, Uint8Array.of(0x85, 0x4d, 0, 0));
  });

  it('round-trips a manifest list', () => {
    const manifest = {
      manifestPath: 'file:///t/metadata/m.avro',
      manifestLength: 900,
      partitionSpecId: 0,
      sequenceNumber: 3,
      minSequenceNumber: 1,
      addedSnapshotId: 42,
      addedFilesCount: 2,
      existingFilesCount: 0,
      deletedFilesCount: 0,
      addedRowsCount: 20,
      existingRowsCount: 0,
      deletedRowsCount: 0,
      partitions: [
        { containsNull: false, lowerBound: Uint8Array.of(1, 0, 0, 0), upperBound: null },
      ],
    };
    const bytes = encodeManifestList(
      { snapshotId: 42, parentSnapshotId: null, sequenceNumber: 3 },
      [manifest],
    );
    assert.deepEqual(decodeManifestList(bytes), [manifest]);
  });
});
