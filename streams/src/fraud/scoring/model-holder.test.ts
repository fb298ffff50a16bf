import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@fraud/common';
import { FEATURE_NAMES } from '../features/card-features.js';
import { FraudModel } from './fraud-model.js';
import { ModelLoadError } from './model-card.js';
import { ModelHolder } from './model-holder.js';

const SHIPPED = fileURLToPath(new URL('../../../../ml/model', import.meta.url));
const WRONG_SHAPE = fileURLToPath(
  new URL('../../../../ml/fixtures/wrong-shape.onnx', import.meta.url),
);
const logger = createLogger({ name: 'model-test', level: 'silent' });

function modelCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'model-'));
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

test('the shipped model scores a batch and explains a high score', async () => {
  const model = await FraudModel.load(SHIPPED);
  const baseline = model.meta.baseline;
  const risky = FEATURE_NAMES.map((name, i) =>
    name === 'count_10m' || name === 'small_count_10m' ? 12 : (baseline[i] ?? 0),
  );
  const scores = await model.score([baseline, risky]);
  assert.equal(scores.length, 2);
  for (const s of scores) assert.ok(s >= 0 && s <= 1);
  assert.ok((scores[0] ?? 1) < model.meta.threshold, 'the benign baseline is not an alert');
  const reasons = await model.explain(risky, scores[1] ?? 0);
  for (const r of reasons) assert.ok(FEATURE_NAMES.includes(r.code as never) && r.contribution > 0);
  await model.release();
});

test('a model whose input has the wrong shape is refused with a clear error', async () => {
  const dir = modelCopy();
  copyFileSync(WRONG_SHAPE, join(dir, 'model.onnx'));
  await assert.rejects(FraudModel.load(dir), (error: unknown) => {
    assert.ok(error instanceof ModelLoadError);
    assert.match(
      error.message,
      /refused: input "\w+" has shape \[.*\], the topology feeds \[N, \d+\]/,
    );
    return true;
  });
});

test('hot reload swaps in a new model, and keeps the old one when the new is refused', async () => {
  const dir = modelCopy();
  const holder = await ModelHolder.start({ dir, logger, pollMs: 0 });
  const meta = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { version: string };
  const settle = async () => {
    await holder.check(); // sees the change
    await holder.check(); // unchanged since: loads it
  };

  writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...meta, version: 'v-next' }));
  await settle();
  assert.equal(holder.current().version, 'v-next');

  copyFileSync(WRONG_SHAPE, join(dir, 'model.onnx'));
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...meta, version: 'v-broken' }));
  await settle();
  assert.equal(holder.current().version, 'v-next', 'the refused model never serves');
  assert.equal((await holder.current().score([holder.current().meta.baseline])).length, 1);
  await holder.close();
});
