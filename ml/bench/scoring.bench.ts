/**
 * `npm run bench -- scoring [--json] [--model <dir>]`: cost of scoring with the shipped
 * model in onnxruntime-node (one intra-op thread, as one topology task uses it), per event at
 * batch sizes 1, 32 and 256. Inputs are model.json's sample rows, cycled to fill the batch.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { mlDir } from '../src/ml-paths.js';
import { readModelMetadata } from '../src/model-metadata.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    model: { type: 'string', default: join(mlDir, 'model') },
  },
});
const BATCHES = [1, 32, 256] as const;
const MEASURE_MS = 1500;

const model = readModelMetadata(join(values.model, 'model.json'));
const width = model.featureNames.length;
const session = await InferenceSession.create(join(values.model, 'model.onnx'), {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});

function input(batch: number): Tensor {
  const data = new Float32Array(batch * width);
  for (let i = 0; i < batch; i++) {
    const sample = model.samples[i % model.samples.length];
    if (sample) data.set(sample.features, i * width);
  }
  return new Tensor('float32', data, [batch, width]);
}

const figures: Record<string, number | string> = { model: model.version };
console.log(`model ${model.version}: ${width} features, ${model.model.trees} trees`);
for (const batch of BATCHES) {
  const feeds = { [model.inputName]: input(batch) };
  for (let i = 0; i < 50; i++) await session.run(feeds, [model.outputName]);
  const latencies: number[] = [];
  const started = performance.now();
  while (performance.now() - started < MEASURE_MS) {
    const t0 = performance.now();
    await session.run(feeds, [model.outputName]);
    latencies.push(performance.now() - t0);
  }
  const total = latencies.reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? NaN;
  const perEventUs = (total * 1000) / (latencies.length * batch);
  figures[`batch${batch}PerEventUs`] = Number(perEventUs.toFixed(2));
  figures[`batch${batch}P99Ms`] = Number(p99.toFixed(3));
  console.log(
    `batch ${String(batch).padStart(3)}: ${perEventUs.toFixed(2)} µs/event, ` +
      `${((total / latencies.length) * 1000).toFixed(1)} µs/run (p99 ${(p99 * 1000).toFixed(1)} µs), ` +
      `${latencies.length} runs`,
  );
}
await session.release();
if (values.json) console.log(JSON.stringify(figures));
