import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SNAPSHOT_ID, newSnapshotId } from './snapshot-id.js';

describe('newSnapshotId', () => {
  it('draws positive integers that JSON and avsc keep exact', () => {
    for (let i = 0; i < 1000; i++) {
      const id = newSnapshotId();
      assert.ok(Number.isSafeInteger(id) && id > 0 && id <= MAX_SNAPSHOT_ID, String(id));
    }
  });
});
