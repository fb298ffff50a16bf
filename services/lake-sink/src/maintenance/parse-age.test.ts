import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBytes, parseCutoff } from './parse-age.js';

describe('parseCutoff', () => {
  const now = Date.UTC(2024, 4, 10);

  it('reads durations back from now and ISO instants', () => {
    assert.equal(parseCutoff('7d', now), now - 7 * 86_400_000);
    assert.equal(parseCutoff('90m', now), now - 90 * 60_000);
    assert.equal(parseCutoff('1.5h', now), now - 5_400_000);
    assert.equal(parseCutoff('2024-05-01T00:00:00Z', now), Date.UTC(2024, 4, 1));
  });

  it('refuses anything else', () => {
    for (const bad of ['', '7', 'd', '7w', 'yesterday', '2024-13-45']) {
      assert.equal(parseCutoff(bad, now), undefined, bad);
    }
  });
});

describe('parseBytes', () => {
  it('reads plain and suffixed sizes', () => {
    assert.equal(parseBytes('4096'), 4096);
    assert.equal(parseBytes('64MiB'), 64 * 1024 * 1024);
    assert.equal(parseBytes('64MB'), undefined);
  });
});
