import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringSerde, jsonSerde } from '../serdes/index.js';
import { TopologyTestDriver } from '../testing/index.js';
import { StreamsBuilder } from '../topology/index.js';
import { debeziumChangeSerde, debeziumRow } from './index.js';

interface Merchant {
  id: string;
  name: string;
}
const isMerchant = (row: unknown): row is Merchant =>
  typeof row === 'object' && row !== null && 'id' in row && 'name' in row;

const change = (op: string, after: Merchant | null, before: Merchant | null = null) =>
  Buffer.from(JSON.stringify({ op, before, after, source: { ts_ms: 1000 }, ts_ms: 1001 }));
const key = (id: string, withSchema = false) =>
  Buffer.from(JSON.stringify(withSchema ? { schema: {}, payload: { id } } : { id }));

test('a Debezium topic as a global table: create, update, delete and tombstone; joins see it', async () => {
  const builder = new StreamsBuilder({ deadLetterTopic: 'dlq' });
  const merchants = builder.globalTable('pg.public.merchants', {
    storeName: 'merchants',
    keySerde: stringSerde,
    valueSerde: jsonSerde<Merchant>(),
    toRow: debeziumRow({ key: (k) => String(k['id']), isRow: isMerchant }),
  });
  builder
    .stream('payments', { keySerde: stringSerde, valueSerde: stringSerde })
    .leftJoin(merchants, {
      key: (_k, merchantId) => merchantId,
      joiner: (merchantId, m) => m?.name ?? `unknown ${merchantId}`,
    })
    .to('enriched', { keySerde: stringSerde, valueSerde: stringSerde });
  const driver = new TopologyTestDriver(builder.build());
  const table = (k: Buffer, v: Buffer | null) =>
    driver.pipeTable('pg.public.merchants', { key: k, value: v, timestamp: 1, headers: {} });
  const pay = (merchant: string) =>
    driver.pipe(
      'payments',
      { keySerde: stringSerde, valueSerde: stringSerde },
      { key: 'card', value: merchant, timestamp: 5 },
    );

  await table(key('m1'), change('r', { id: 'm1', name: 'Books' }));
  await table(key('m2', true), change('c', { id: 'm2', name: 'Games' }));
  await pay('m1');
  await table(key('m1'), change('u', { id: 'm1', name: 'Books & Co' }));
  await pay('m1');
  await pay('m2');
  await table(key('m2'), change('d', null, { id: 'm2', name: 'Games' }));
  await table(key('m2'), null);
  await pay('m2');
  await table(key('m3'), Buffer.from('not json'));
  assert.deepEqual(
    driver.read('enriched', { keySerde: stringSerde, valueSerde: stringSerde }).map((r) => r.value),
    ['Books', 'Books & Co', 'Games', 'unknown m2'],
  );
});

test('change-event serde keeps the commit time and maps tombstones to null', () => {
  const serde = debeziumChangeSerde(isMerchant);
  const decoded = serde.deserialize(change('c', { id: 'm1', name: 'Books' }));
  assert.equal(decoded?.sourceTsMs, 1000);
  assert.equal(decoded?.after?.name, 'Books');
  assert.equal(serde.deserialize(null), null);
  assert.throws(() => serde.deserialize(Buffer.from('{"op":"x"}')), {
    code: 'STREAMS_DESERIALIZATION',
  });
});
