import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoppingWindows, tumblingWindows, windowsFor } from './index.js';

test('a tumbling window holds exactly one window per timestamp, aligned to the epoch', () => {
  const w = tumblingWindows({ sizeMs: 1000, graceMs: 0 });
  assert.deepEqual(windowsFor(w, 0), [{ start: 0, end: 1000 }]);
  assert.deepEqual(windowsFor(w, 999), [{ start: 0, end: 1000 }]);
  assert.deepEqual(windowsFor(w, 1000), [{ start: 1000, end: 2000 }]);
});

test('hopping windows: size / advance windows contain each timestamp', () => {
  const w = hoppingWindows({ sizeMs: 1000, advanceMs: 250, graceMs: 0 });
  assert.deepEqual(
    windowsFor(w, 1100).map((x) => x.start),
    [250, 500, 750, 1000],
  );
  assert.deepEqual(
    windowsFor(w, 100).map((x) => x.start),
    [0],
  );
});

test('retention shorter than size + grace is refused; grace is never implicit', () => {
  assert.throws(() => tumblingWindows({ sizeMs: 1000, graceMs: 500, retentionMs: 1200 }), {
    code: 'STREAMS_TOPOLOGY_INVALID',
  });
  assert.equal(tumblingWindows({ sizeMs: 1000, graceMs: 500 }).retentionMs, 1500);
  assert.throws(() => hoppingWindows({ sizeMs: 1000, advanceMs: 2000, graceMs: 0 }));
});
