import type { AvroDecoder, ScoredPayment } from '@fraud/schemas';
import type { FileIO } from '../../io/index.js';
import { writeDataFiles } from '../../table/index.js';
import { decodeRecords } from '../decode-records.js';
import type { DataFileOptions, EncodedRecords, TableTarget } from './record-encoder.js';

/** Decodes record values and writes their rows as data files of the target table. */
export async function encodeRecords(
  decoder: AvroDecoder<ScoredPayment>,
  io: FileIO,
  options: DataFileOptions,
  values: readonly (Buffer | null)[],
  target: TableTarget,
): Promise<EncodedRecords> {
  const { rows, failures } = await decodeRecords(decoder, values);
  const files = rows.length === 0 ? [] : await writeDataFiles({ ...options, ...target, io }, rows);
  return { files, failures };
}
