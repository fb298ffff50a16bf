import { readInt64BE, writeInt64BE } from '../serdes/int64.js';

/**
 * The records of one key that sliding windows still need, as `<count uint32>` then per record
 * `<event time int64 BE><length uint32><value bytes>`, kept sorted by event time.
 */
export interface BufferedRecord {
  readonly timestamp: number;
  readonly value: Buffer;
}

export function encodeBuffer(records: readonly BufferedRecord[]): Buffer {
  const size = 4 + records.reduce((n, r) => n + 12 + r.value.length, 0);
  const out = Buffer.allocUnsafe(size);
  out.writeUInt32BE(records.length, 0);
  let at = 4;
  for (const { timestamp, value } of records) {
    writeInt64BE(out, timestamp, at);
    out.writeUInt32BE(value.length, at + 8);
    value.copy(out, at + 12);
    at += 12 + value.length;
  }
  return out;
}

export function decodeBuffer(bytes: Buffer | undefined): BufferedRecord[] {
  if (bytes === undefined) return [];
  const count = bytes.readUInt32BE(0);
  const out: BufferedRecord[] = [];
  let at = 4;
  for (let i = 0; i < count; i++) {
    const timestamp = readInt64BE(bytes, at);
    const length = bytes.readUInt32BE(at + 8);
    out.push({ timestamp, value: bytes.subarray(at + 12, at + 12 + length) });
    at += 12 + length;
  }
  return out;
}

/** Inserts after any record with the same time, so arrival order breaks ties. */
export function insertSorted(records: BufferedRecord[], record: BufferedRecord): void {
  let i = records.length;
  while (i > 0 && (records[i - 1]?.timestamp ?? 0) > record.timestamp) i--;
  records.splice(i, 0, record);
}
