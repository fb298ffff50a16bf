import { gunzipSync } from 'node:zlib';
import type { FileMetaData, SchemaElement } from 'hyparquet';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { IcebergSchema } from '../schema/index.js';

type Row = Record<string, unknown>;

/** Top-level columns of a Parquet footer by Iceberg field id (children of the root, in order). */
function topLevelNamesById(elements: readonly SchemaElement[]): Map<number, string> {
  const names = new Map<number, string>();
  const rootChildren = elements[0]?.num_children ?? 0;
  let index = 1;
  for (let child = 0; child < rootChildren; child++) {
    const element = elements[index];
    if (element === undefined) break;
    if (element.field_id !== undefined) names.set(element.field_id, element.name);
    // Skip the element's whole subtree (a list is three levels deep in the flattened footer).
    let pending = element.num_children ?? 0;
    index++;
    while (pending > 0) {
      pending += (elements[index]?.num_children ?? 0) - 1;
      index++;
    }
  }
  return names;
}

/**
 * Reads a data file back as rows of `schema`, matching columns by Iceberg field id as readers
 * must: a column the file predates (added by schema evolution) comes back null, whatever the
 * file's column is named. Values stay in a form `encodeDataFile` writes again unchanged:
 * timestamps as bigint microseconds, binary as bytes.
 */
export async function decodeDataFile(schema: IcebergSchema, bytes: Uint8Array): Promise<Row[]> {
  // A copy of exactly the file's bytes: hyparquet wants a whole ArrayBuffer, not a view.
  const file = new Uint8Array(bytes).buffer;
  const metadata: FileMetaData = parquetMetadata(file);
  const namesById = topLevelNamesById(metadata.schema);
  const rows = await parquetReadObjects({
    file,
    metadata,
    // Strings are annotated UTF8 and still decode as text; unannotated BYTE_ARRAY is binary.
    utf8: false,
    compressors: { GZIP: (input) => gunzipSync(input) },
    parsers: {
      timestampFromMicroseconds: (micros: bigint) => micros,
      timestampFromMilliseconds: (millis: bigint) => millis * 1000n,
    },
  });
  return rows.map((stored) => {
    const row: Row = {};
    for (const field of schema.fields) {
      const name = namesById.get(field.id);
      row[field.name] = name === undefined ? null : (stored[name] ?? null);
    }
    return row;
  });
}
