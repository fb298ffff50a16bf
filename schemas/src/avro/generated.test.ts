import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { GENERATED_FILE, generateTypesModule } from './generate.js';

test('generated.ts matches the .avsc files', async () => {
  const expected = await generateTypesModule();
  const actual = await readFile(GENERATED_FILE, 'utf8');
  assert.ok(
    actual === expected,
    'schemas/src/avro/generated.ts is stale relative to schemas/avro/*.avsc: run `npm run codegen -w @fraud/schemas` and commit the result',
  );
});
