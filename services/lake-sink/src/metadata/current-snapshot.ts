import type { Snapshot, TableMetadata } from './types.js';

export function currentSnapshot(metadata: TableMetadata): Snapshot | undefined {
  const id = metadata['current-snapshot-id'];
  return id === undefined ? undefined : metadata.snapshots.find((s) => s['snapshot-id'] === id);
}

export function snapshotById(metadata: TableMetadata, id: number): Snapshot | undefined {
  return metadata.snapshots.find((s) => s['snapshot-id'] === id);
}

export function currentSchema(metadata: TableMetadata) {
  const schema = metadata.schemas.find((s) => s['schema-id'] === metadata['current-schema-id']);
  if (schema === undefined)
    throw new Error(`metadata lacks schema ${metadata['current-schema-id']}`);
  return schema;
}

export function defaultSpec(metadata: TableMetadata) {
  const spec = metadata['partition-specs'].find(
    (s) => s['spec-id'] === metadata['default-spec-id'],
  );
  if (spec === undefined) throw new Error(`metadata lacks spec ${metadata['default-spec-id']}`);
  return spec;
}
