import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrafficError } from '../errors.js';
import { generateTraffic } from '../generate-traffic.js';
import { readTrafficFile, writeTrafficFile } from './traffic-file.js';

const dir = mkdtempSync(join(tmpdir(), 'traffic-file-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const options = {
  seed: 5,
  startMs: Date.UTC(2025, 0, 6),
  durationMs: 600_000,
  paymentsPerSecond: 20,
  fraudRate: 0.05,
};

test('a traffic file reads back exactly as written, one JSON object per line', async () => {
  const path = join(dir, 'traffic.jsonl');
  const expected = [...generateTraffic(options)];
  assert.equal(await writeTrafficFile(path, generateTraffic(options)), expected.length);
  assert.equal(readFileSync(path, 'utf8').trimEnd().split('\n').length, expected.length);
  const read = [];
  for await (const payment of readTrafficFile(path)) read.push(payment);
  assert.deepEqual(read, expected);
});

test('a bad line stops the read with its line number', async () => {
  const path = join(dir, 'broken.jsonl');
  await writeTrafficFile(path, [...generateTraffic(options)].slice(0, 3));
  appendFileSync(path, '{"id":"x","at":"yesterday"}\n');
  const read = async () => {
    for await (const _ of readTrafficFile(path));
  };
  await assert.rejects(
    read,
    (error: unknown) =>
      error instanceof TrafficError &&
      error.code === 'INVALID_TRAFFIC_FILE' &&
      /:4:/.test(error.message),
  );
});

test('writing to a folder that does not exist fails instead of hanging', async () => {
  await assert.rejects(writeTrafficFile(join(dir, 'missing', 'x.jsonl'), []), /ENOENT/);
});
