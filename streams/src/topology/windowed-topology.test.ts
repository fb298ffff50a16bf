import { test } from 'node:test';
import assert from 'node:assert/strict';
import { int64Serde, stringSerde, windowedSerde } from '../serdes/index.js';
import { DEAD_LETTER_HEADERS } from '../task/index.js';
import { TopologyTestDriver } from '../testing/index.js';
import { hoppingWindows, slidingWindows, tumblingWindows } from '../windows/index.js';
import { StreamsBuilder } from './index.js';

const serdes = { keySerde: stringSerde, valueSerde: stringSerde };
const out = { keySerde: windowedSerde(stringSerde), valueSerde: int64Serde };

function tumblingCount(graceMs: number) {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', serdes)
    .groupByKey()
    .windowedBy(tumblingWindows({ sizeMs: 1000, graceMs }))
    .count({ storeName: 'counts', keySerde: stringSerde })
    .toStream()
    .to('out', out);
  return builder.build();
}

const lastPerWindow = (driver: TopologyTestDriver) =>
  Object.fromEntries(
    driver.read('out', out).map((r) => [`${r.key.key}@${r.key.window.start}`, r.value]),
  );

test('tumbling count emits every update and keeps one aggregate per key and window', async () => {
  const driver = new TopologyTestDriver(tumblingCount(0));
  for (const [key, t] of [
    ['a', 10],
    ['a', 20],
    ['b', 30],
    ['a', 1500],
  ] as const)
    await driver.pipe('in', serdes, { key, value: 'x', timestamp: t });
  assert.deepEqual(
    driver.read('out', out).map((r) => [r.key.key, r.key.window.start, r.value]),
    [
      ['a', 0, 1],
      ['a', 0, 2],
      ['b', 0, 1],
      ['a', 1000, 1],
    ],
  );
  const store = driver.windowStore('counts', stringSerde, int64Serde, 1000);
  assert.equal(store.get('a', 1000), 1);
  assert.equal(store.get('a', 0), undefined, 'window 0 is past retention at stream time 1500');
});

test('a record later than grace goes to the dead-letter topic and is counted', async () => {
  const driver = new TopologyTestDriver(tumblingCount(200));
  await driver.pipe('in', serdes, { key: 'a', value: 'x', timestamp: 1100 });
  await driver.pipe('in', serdes, { key: 'a', value: 'in-grace', timestamp: 900 });
  await driver.pipe('in', serdes, { key: 'a', value: 'x', timestamp: 1300 });
  await driver.pipe('in', serdes, { key: 'a', value: 'too-late', timestamp: 950 });
  assert.deepEqual(lastPerWindow(driver), { 'a@0': 1, 'a@1000': 2 });
  const [dead] = driver.readRaw('dlq');
  assert.equal(dead?.value?.toString(), 'too-late');
  assert.equal(dead?.headers?.[DEAD_LETTER_HEADERS.reason]?.toString(), 'late-record');
  assert.equal(dead?.headers?.[DEAD_LETTER_HEADERS.offset]?.toString(), '3');
  assert.equal(driver.deadLetterCounts().get('late-record'), 1);
});

test('undecodable records reach the dead-letter topic with their bytes; processing goes on', async () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', { keySerde: stringSerde, valueSerde: int64Serde })
    .mapValues((v) => v * 2)
    .to('out', { keySerde: stringSerde, valueSerde: int64Serde });
  const driver = new TopologyTestDriver(builder.build());
  const garbage = Buffer.from([1, 2, 3]);
  await driver.pipeRaw('in', { key: Buffer.from('k'), value: garbage, timestamp: 5, headers: {} });
  await driver.pipe(
    'in',
    { keySerde: stringSerde, valueSerde: int64Serde },
    { key: 'k', value: 21, timestamp: 6 },
  );
  const [dead] = driver.readRaw('dlq');
  assert.deepEqual(dead?.value, garbage);
  assert.equal(dead?.headers?.[DEAD_LETTER_HEADERS.topic]?.toString(), 'in');
  assert.equal(dead?.headers?.[DEAD_LETTER_HEADERS.partition]?.toString(), '0');
  assert.equal(dead?.headers?.[DEAD_LETTER_HEADERS.reason]?.toString(), 'deserialization');
  assert.deepEqual(
    driver.read('out', { keySerde: stringSerde, valueSerde: int64Serde }).map((r) => r.value),
    [42],
  );
});

test('hopping windows update every window a record falls into', async () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', serdes)
    .groupByKey()
    .windowedBy(hoppingWindows({ sizeMs: 1000, advanceMs: 500, graceMs: 0 }))
    .count({ storeName: 'counts', keySerde: stringSerde })
    .toStream()
    .to('out', out);
  const driver = new TopologyTestDriver(builder.build());
  await driver.pipe('in', serdes, { key: 'a', value: 'x', timestamp: 600 });
  await driver.pipe('in', serdes, { key: 'a', value: 'x', timestamp: 1200 });
  assert.deepEqual(lastPerWindow(driver), { 'a@0': 1, 'a@500': 2, 'a@1000': 1 });
});

test('windows past retention are deleted locally; the changelog drops them by time', async () => {
  const driver = new TopologyTestDriver(tumblingCount(0), { applicationId: 'app' });
  await driver.pipe('in', serdes, { key: 'a', value: 'x', timestamp: 100 });
  await driver.pipe('in', serdes, { key: 'a', value: 'x', timestamp: 5000 });
  const store = driver.windowStore('counts', stringSerde, int64Serde, 1000);
  assert.deepEqual(
    [...store.all()].map(([k]) => k.window.start),
    [5000],
  );
  const changelog = driver.readRaw('app-counts-changelog');
  assert.equal(changelog.length, 2, 'no tombstone for the expired window');
  await driver.crash();
  assert.deepEqual(
    [...driver.windowStore('counts', stringSerde, int64Serde, 1000).all()].map(
      ([k]) => k.window.start,
    ),
    [5000],
    'a restore brings the expired window back only until the task expires it again',
  );
});

test('after a crash the stores are rebuilt from the changelog and counting continues', async () => {
  const driver = new TopologyTestDriver(tumblingCount(1000));
  const reference = new TopologyTestDriver(tumblingCount(1000));
  const input = Array.from({ length: 200 }, (_, i) => ({
    key: `k${i % 7}`,
    value: 'x',
    timestamp: (i * 37) % 3000,
  }));
  for (const [i, record] of input.entries()) {
    await driver.pipe('in', serdes, record);
    await reference.pipe('in', serdes, record);
    if (i % 50 === 49) await driver.crash();
  }
  assert.deepEqual(driver.read('out', out), reference.read('out', out));
  assert.deepEqual(
    [...driver.windowStore('counts', stringSerde, int64Serde, 1000).all()],
    [...reference.windowStore('counts', stringSerde, int64Serde, 1000).all()],
  );
});

test('sliding windows aggregate [t - difference, t] per record, late ones included within grace', async () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', { keySerde: stringSerde, valueSerde: int64Serde })
    .groupByKey()
    .windowedBy(slidingWindows({ timeDifferenceMs: 100, graceMs: 100 }))
    .aggregate({
      storeName: 'sums',
      keySerde: stringSerde,
      valueSerde: int64Serde,
      aggregateSerde: int64Serde,
      initializer: () => 0,
      aggregator: (_k, v, sum) => sum + v,
    })
    .toStream()
    .to('out', out);
  const driver = new TopologyTestDriver(builder.build());
  const s = { keySerde: stringSerde, valueSerde: int64Serde };
  await driver.pipe('in', s, { key: 'a', value: 1, timestamp: 1000 });
  await driver.pipe('in', s, { key: 'a', value: 2, timestamp: 1050 });
  await driver.pipe('in', s, { key: 'a', value: 4, timestamp: 1120 });
  // Out of order but within grace: lands in its own window and the later ones containing it.
  await driver.pipe('in', s, { key: 'a', value: 8, timestamp: 1030 });
  // Beyond grace (stream time 1120 - grace 100 = 1020).
  await driver.pipe('in', s, { key: 'a', value: 16, timestamp: 1010 });
  assert.deepEqual(
    driver.read('out', out).map((r) => [r.key.window.start, r.key.window.end, r.value]),
    [
      [900, 1001, 1],
      [950, 1051, 3],
      [1020, 1121, 6],
      [930, 1031, 9],
      [950, 1051, 11],
      [1020, 1121, 14],
    ],
  );
  assert.equal(driver.deadLetterCounts().get('late-record'), 1);
});

test('groupByKey after a key change is refused: no hidden repartition', () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  const stream = builder.stream('in', serdes).map((k, v) => [v, k] as const);
  assert.throws(() => stream.groupByKey(), { code: 'STREAMS_TOPOLOGY_INVALID' });
});

test("emit 'on-commit' forwards and changelogs the latest aggregate per window once per cycle", async () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  builder
    .stream('in', serdes)
    .groupByKey()
    .windowedBy(tumblingWindows({ sizeMs: 1000, graceMs: 0 }))
    .count({ storeName: 'counts', keySerde: stringSerde, emit: 'on-commit' })
    .toStream()
    .to('out', out);
  const driver = new TopologyTestDriver(builder.build(), { applicationId: 'app' });
  const batch = [10, 20, 30, 40].map((timestamp, i) => ({
    key: i % 2 ? 'b' : 'a',
    value: 'x',
    timestamp,
  }));
  await driver.pipeBatch('in', serdes, batch);
  await driver.pipeBatch('in', serdes, [{ key: 'a', value: 'x', timestamp: 50 }]);
  assert.deepEqual(
    driver.read('out', out).map((r) => [r.key.key, r.value]),
    [
      ['a', 2],
      ['b', 2],
      ['a', 3],
    ],
  );
  assert.equal(driver.readRaw('app-counts-changelog').length, 3);
});
