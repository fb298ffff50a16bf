/** `npm run codegen -w @fraud/schemas`: regenerates src/avro/generated.ts from avro/*.avsc. */
import { readFile, writeFile } from 'node:fs/promises';
import { GENERATED_FILE, generateTypesModule } from './generate.js';

const next = await generateTypesModule();
const previous = await readFile(GENERATED_FILE, 'utf8').catch(() => '');
if (next === previous) {
  console.log(`${GENERATED_FILE} is up to date`);
} else {
  await writeFile(GENERATED_FILE, next);
  console.log(`wrote ${GENERATED_FILE}`);
}
