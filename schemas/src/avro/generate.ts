import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { AVRO_DIR, readAvscFiles } from './read-avsc.js';
import { renderTypesModule } from './render-types.js';

/** The committed output of the codegen: other packages import types and schemas from it. */
export const GENERATED_FILE = fileURLToPath(new URL('./generated.ts', import.meta.url));

/** The text `generated.ts` must have for the current `.avsc` files, formatted as the repo is. */
export async function generateTypesModule(dir: string = AVRO_DIR): Promise<string> {
  const source = renderTypesModule(await readAvscFiles(dir));
  const options = await prettier.resolveConfig(GENERATED_FILE);
  return prettier.format(source, { ...options, filepath: GENERATED_FILE });
}
