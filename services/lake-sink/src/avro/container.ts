import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import avro from 'avsc';

/**
 * Avro object container files (Avro spec, "Object Container Files"), written and read in
 * memory. Done here on top of avsc's Type rather than with its streams because manifests are
 * small, and because the header must carry the writer's schema verbatim: Iceberg readers need
 * the `field-id` attributes that a re-serialised schema would drop.
 */
const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]);
const METADATA = avro.Type.forSchema({ type: 'map', values: 'bytes' });
const LONG = avro.Type.forSchema('long');

export type AvroCodec = 'null' | 'deflate';

export interface ContainerInput {
  /** The writer schema as JSON, kept byte for byte in the header. */
  readonly schema: object;
  readonly records: readonly unknown[];
  /** Extra header keys (Iceberg puts schema, partition spec, snapshot ids here). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly codec?: AvroCodec;
}

export function encodeContainer(input: ContainerInput): Uint8Array {
  const codec = input.codec ?? 'deflate';
  const type = avro.Type.forSchema(input.schema as avro.Schema);
  const header: Record<string, Buffer> = {
    'avro.schema': Buffer.from(JSON.stringify(input.schema)),
    'avro.codec': Buffer.from(codec),
  };
  for (const [key, value] of Object.entries(input.metadata)) header[key] = Buffer.from(value);
  const sync = randomBytes(16);
  const parts: Buffer[] = [MAGIC, METADATA.toBuffer(header), sync];
  if (input.records.length > 0) {
    const raw = Buffer.concat(input.records.map((r) => type.toBuffer(r)));
    const block = codec === 'deflate' ? deflateRawSync(raw) : raw;
    parts.push(LONG.toBuffer(input.records.length), LONG.toBuffer(block.length), block, sync);
  }
  return Buffer.concat(parts);
}

export interface DecodedContainer {
  readonly metadata: Readonly<Record<string, string>>;
  readonly records: readonly unknown[];
}

export function decodeContainer(bytes: Uint8Array): DecodedContainer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, 4).equals(MAGIC)) throw new Error('not an Avro container file');
  let pos = 4;
  const header = METADATA.decode(buf, pos);
  const raw = header.value as Record<string, Buffer>;
  pos = header.offset + 16;
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) metadata[key] = value.toString('utf8');
  const schema = metadata['avro.schema'];
  if (schema === undefined) throw new Error('Avro container without a schema');
  const type = avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
  const codec = metadata['avro.codec'] ?? 'null';
  const records: unknown[] = [];
  while (pos < buf.length) {
    const count = LONG.decode(buf, pos);
    const size = LONG.decode(buf, count.offset);
    const start = size.offset;
    const end = start + (size.value as number);
    const compressed = buf.subarray(start, end);
    const block = codec === 'deflate' ? inflateRawSync(compressed) : compressed;
    let offset = 0;
    for (let i = 0; i < (count.value as number); i++) {
      const decoded = type.decode(block, offset);
      records.push(decoded.value);
      offset = decoded.offset;
    }
    pos = end + 16;
  }
  return { metadata, records };
}
