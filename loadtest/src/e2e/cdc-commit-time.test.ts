import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdcCommitTime } from './cdc-commit-time.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const created = {
  op: 'c',
  before: null,
  after: { id: 'p1' },
  source: { ts_ms: 1_700_000_000_123 },
};

test('the commit time of a created row, with or without an embedded schema', () => {
  assert.equal(cdcCommitTime(json(created)), 1_700_000_000_123);
  assert.equal(
    cdcCommitTime(json({ schema: { type: 'struct' }, payload: created })),
    1_700_000_000_123,
  );
});

test('updates, deletes, snapshot reads, tombstones and junk have none', () => {
  assert.equal(cdcCommitTime(json({ ...created, op: 'u' })), undefined);
  assert.equal(cdcCommitTime(json({ ...created, op: 'd' })), undefined);
  assert.equal(cdcCommitTime(json({ ...created, op: 'r' })), undefined);
  assert.equal(cdcCommitTime(null), undefined);
  assert.equal(cdcCommitTime(Buffer.from('not json')), undefined);
  assert.equal(cdcCommitTime(json({ ...created, source: { ts_ms: '12' } })), undefined);
  assert.equal(cdcCommitTime(json([created])), undefined);
});
