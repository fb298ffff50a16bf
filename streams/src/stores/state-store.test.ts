import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { int64Serde, stringSerde } from '../serdes/index.js';
import {
  KeyValueStore,
  lmdbBackend,
  memoryBackend,
  StateStore,
  takeCheckpoint,
  WindowStore,
  writeCheckpoint,
  type StoreBackend,
} from './index.js';

const b = (s: string) => Buffer.from(s);

for (const [name, open] of [
  ['memory', () => ({ backend: memoryBackend(), cleanup: () => undefined })],
  [
    'lmdb',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'lmdb-test-'));
      return { backend: lmdbBackend(dir), cleanup: () => rmSync(dir, { recursive: true }) };
    },
  ],
] as const satisfies ReadonlyArray<
  readonly [string, () => { backend: StoreBackend; cleanup: () => void }]
>) {
  test(`${name}: writes stay pending until flush and vanish on discard`, async () => {
    const { backend, cleanup } = open();
    const store = new StateStore({ name: 's', changelogTopic: 'c', backend });
    store.put(b('a'), b('1'));
    assert.equal(store.get(b('a'))?.toString(), '1', 'reads see the pending write');
    assert.equal(backend.get(b('a')), undefined, 'the backend does not, yet');
    store.discard();
    assert.equal(store.get(b('a')), undefined);
    store.put(b('a'), b('1'));
    await store.flush();
    assert.equal(backend.get(b('a'))?.toString(), '1');
    await backend.close();
    cleanup();
  });

  test(`${name}: range merges pending writes and deletes over committed entries in key order`, async () => {
    const { backend, cleanup } = open();
    const store = new StateStore({ name: 's', changelogTopic: 'c', backend });
    for (const k of ['a', 'c', 'e']) store.put(b(k), b(`old-${k}`));
    await store.flush();
    store.put(b('b'), b('new-b'));
    store.put(b('c'), null);
    store.put(b('e'), b('new-e'));
    store.put(b('f'), b('new-f'));
    const seen = [...store.range({})].map(([k, v]) => `${k}=${v}`);
    assert.deepEqual(seen, ['a=old-a', 'b=new-b', 'e=new-e', 'f=new-f']);
    assert.deepEqual(
      [...store.range({ start: b('b'), end: b('f') })].map(([k]) => k.toString()),
      ['b', 'e'],
    );
    assert.deepEqual(
      store.pendingWrites().map(([k, v]) => [k.toString(), v?.toString() ?? null]),
      [
        ['b', 'new-b'],
        ['c', null],
        ['e', 'new-e'],
        ['f', 'new-f'],
      ],
    );
    await backend.close();
    cleanup();
  });
}

test('window store keys sort by time, so expiry removes only old windows', async () => {
  const store = new StateStore({ name: 'w', changelogTopic: 'c', backend: memoryBackend() });
  const windows = new WindowStore(store, stringSerde, int64Serde, 100);
  windows.put('z', 0, 1);
  windows.put('a', 100, 2);
  windows.put('m', 200, 3);
  assert.equal(windows.expireBefore(150), 2);
  assert.deepEqual(
    [...windows.all()].map(([k, v]) => [k.key, k.window.start, k.window.end, v]),
    [['m', 200, 300, 3]],
  );
  assert.equal(store.pendingWrites().length, 1, 'expiry writes no changelog tombstones');
});

test('key-value store round-trips typed keys and values', async () => {
  const store = new KeyValueStore(
    new StateStore({ name: 'kv', changelogTopic: 'c', backend: memoryBackend() }),
    stringSerde,
    int64Serde,
  );
  store.put('x', 41);
  store.put('x', 42);
  store.put('y', 7);
  store.delete('y');
  assert.deepEqual([...store.all()], [['x', 42]]);
});

test('a checkpoint is read once: a crash after opening leaves none behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-test-'));
  await writeCheckpoint(dir, { counts: '42' });
  assert.deepEqual(await takeCheckpoint(dir), { counts: '42' });
  assert.equal(await takeCheckpoint(dir), undefined);
  rmSync(dir, { recursive: true });
});
