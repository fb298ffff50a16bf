import { test } from 'node:test';
import assert from 'node:assert/strict';
import { int64Serde, jsonSerde, stringSerde } from '../serdes/index.js';
import { TopologyTestDriver } from '../testing/index.js';
import { StreamsBuilder } from './index.js';

const serdes = { keySerde: stringSerde, valueSerde: stringSerde };

test('transformValues keeps a state per key in a changelogged store', async () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', serdes)
    .transformValues<{ seen: string[] }, string>({
      storeName: 'history',
      keySerde: stringSerde,
      stateSerde: jsonSerde(),
      transform: (value, state) => {
        const seen = [...(state?.seen ?? []), value];
        return { value: seen.join('+'), state: { seen } };
      },
    })
    .to('out', serdes);
  const driver = new TopologyTestDriver(builder.build(), { applicationId: 'app' });
  for (const [key, value] of [
    ['a', '1'],
    ['b', '2'],
    ['a', '3'],
  ] as const)
    await driver.pipe('in', serdes, { key, value, timestamp: 1 });
  assert.deepEqual(
    driver.read('out', serdes).map((r) => [r.key, r.value]),
    [
      ['a', '1'],
      ['b', '2'],
      ['a', '1+3'],
    ],
  );
  assert.equal(driver.readRaw('app-history-changelog').length, 3, 'one changelog write each');
  await driver.crash();
  await driver.pipe('in', serdes, { key: 'a', value: '4', timestamp: 2 });
  assert.equal(driver.read('out', serdes).at(-1)?.value, '1+3+4', 'restored from the changelog');
});

test('transformValues after a key change is refused, as grouping is', () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  const rekeyed = builder.stream('in', serdes).map((k, v) => [v, k] as const);
  assert.throws(
    () =>
      rekeyed.transformValues({
        storeName: 's',
        keySerde: stringSerde,
        stateSerde: int64Serde,
        transform: (value) => ({ value, state: 1 }),
      }),
    /repartitioning is not supported/,
  );
});

test('mapValuesBatched maps a cycle in batches, keeping keys, times and order', async () => {
  const calls: number[] = [];
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', serdes)
    .mapValuesBatched(
      async (values, keys) => {
        calls.push(values.length);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return values.map((v, i) => `${keys[i]}:${v.toUpperCase()}`);
      },
      { maxBatch: 2 },
    )
    .to('out', serdes);
  const driver = new TopologyTestDriver(builder.build());
  await driver.pipeBatch('in', serdes, [
    { key: 'k1', value: 'a', timestamp: 5 },
    { key: 'k2', value: 'b', timestamp: 6 },
    { key: 'k1', value: 'c', timestamp: 7 },
  ]);
  assert.deepEqual(calls, [2, 1]);
  assert.deepEqual(
    driver.read('out', serdes).map((r) => [r.key, r.value, r.timestamp]),
    [
      ['k1', 'k1:A', 5],
      ['k2', 'k2:B', 6],
      ['k1', 'k1:C', 7],
    ],
  );
});

test('a failed batch aborts the cycle: nothing is emitted, the next cycle starts clean', async () => {
  let fail = true;
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', serdes)
    .mapValuesBatched(async (values) => {
      if (fail) throw new Error('model unavailable');
      return values;
    })
    .to('out', serdes);
  const driver = new TopologyTestDriver(builder.build());
  await assert.rejects(driver.pipe('in', serdes, { key: 'k', value: 'lost', timestamp: 1 }));
  fail = false;
  await driver.pipe('in', serdes, { key: 'k', value: 'kept', timestamp: 2 });
  assert.deepEqual(
    driver.read('out', serdes).map((r) => r.value),
    ['kept'],
  );
});
