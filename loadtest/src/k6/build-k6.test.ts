import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildK6, K6_VERSION } from './build-k6.js';

test('a k6 binary of the pinned version is reused without building', async () => {
  const binDir = mkdtempSync(join(tmpdir(), 'k6-'));
  // A stand-in that answers `k6 version` like the real binary.
  writeFileSync(join(binDir, 'k6'), `#!/bin/sh\necho "k6 ${K6_VERSION} (go1.26, linux/amd64)"\n`);
  chmodSync(join(binDir, 'k6'), 0o755);
  const lines: string[] = [];
  assert.equal(await buildK6({ binDir, progress: (l) => lines.push(l) }), join(binDir, 'k6'));
  assert.deepEqual(lines, [], 'nothing was built');
});
