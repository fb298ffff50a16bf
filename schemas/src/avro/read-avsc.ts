import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { AvroRecordSchema } from './schema-types.js';
import type { TopicSchemaSource } from './render-types.js';

/** `schemas/avro/`: one `<topic>.avsc` per topic, its top-level record being the value. */
export const AVRO_DIR = fileURLToPath(new URL('../../avro/', import.meta.url));

/** Reads and validates every `.avsc` file; fails naming the file when one is not valid Avro. */
export async function readAvscFiles(dir: string = AVRO_DIR): Promise<TopicSchemaSource[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.avsc')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(
        new URL(file, `file://${dir.endsWith('/') ? dir : `${dir}/`}`),
        'utf8',
      );
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
        avro.Type.forSchema(parsed as avro.Schema);
      } catch (error) {
        throw new Error(`avro/${file}: not a valid Avro schema: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        !('type' in parsed) ||
        parsed.type !== 'record'
      ) {
        throw new Error(`avro/${file}: the top-level type must be a record`);
      }
      // avsc accepted it above, so it has the shape AvroRecordSchema describes.
      return { topic: file.slice(0, -'.avsc'.length), file, schema: parsed as AvroRecordSchema };
    }),
  );
}
