/**
 * kafkajs 2.2.4's produce path as patched by patches/kafkajs+2.2.4.patch (records written into
 * exact-size buffers, murmur2 on 32-bit integers, linear grouping per partition, coordinators
 * kept between requests) must put the same bytes on the wire and the same keys on the same
 * partitions as upstream and Kafka's Java client, and look a coordinator up again once a request
 * to it failed. The expected bytes below were produced by unpatched kafkajs 2.2.4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

interface RecordArgs {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, string | Buffer | (string | Buffer)[]>;
}
interface Message {
  key: string;
  value: string;
  timestamp?: string;
  partition?: number;
}

// Internal modules of kafkajs (no types).
const require = createRequire(import.meta.url);
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (
  args: RecordArgs,
) => { buffer: Buffer };
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;
const groupMessagesPerPartition =
  require('kafkajs/src/producer/groupMessagesPerPartition.js') as (args: {
    topic: string;
    partitionMetadata: { partitionId: number }[];
    messages: Message[];
    partitioner: (args: { message: Message }) => number;
  }) => Record<string, Message[]>;
const produceRequest = require('kafkajs/src/protocol/requests/produce/v3/request.js') as (args: {
  acks: number;
  timeout: number;
  transactionalId: string;
  topicData: { topic: string; partitions: { partition: number; messages: Message[] }[] }[];
}) => { encode(): Promise<{ buffer: Buffer }> };
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => {
  readString(): string;
  readInt16(): number;
  readInt32(): number;
  readBytes(): Buffer;
};
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (
  decoder: InstanceType<typeof Decoder>,
) => Promise<{ firstTimestamp: string; maxTimestamp: string; records: { timestamp: string }[] }>;

test('records encode to the bytes upstream kafkajs wrote', () => {
  const cases: [RecordArgs, string][] = [
    [{ offsetDelta: 0, timestampDelta: 0, key: null, value: Buffer.from('v') }, '0e00000001027600'],
    [
      {
        offsetDelta: 300,
        timestampDelta: -1,
        key: 'card-42',
        value: null,
        headers: { 'dlq.reason': 'late-record', multi: ['a', Buffer.from([1, 2])] },
      },
      '6c0001d8040e636172642d3432010614646c712e726561736f6e166c6174652d7265636f72640a6d756c746902610a6d756c7469040102',
    ],
  ];
  for (const [args, hex] of cases) assert.equal(encodeRecord(args).buffer.toString('hex'), hex);

  // A delta past 32 bits and a multi-byte length: varints on plain numbers stay exact.
  const large = encodeRecord({
    offsetDelta: 7,
    timestampDelta: 2 ** 40 + 3,
    key: Buffer.alloc(200, 7),
    value: 'é'.repeat(70),
  }).buffer.toString('hex');
  assert.ok(large.startsWith('c205008680808080400e9003' + '07'.repeat(200) + '9802c3a9'));
  assert.ok(large.endsWith('c3a9' + '00'));
});

test("murmur2 gives Kafka's Java client values, so keys land on the same partitions", () => {
  // From Kafka's UtilsTest.testMurmur2.
  assert.equal(murmur2(Buffer.from('21')), -973932308);
  assert.equal(murmur2(Buffer.from('foobar')), -790332482);
  assert.equal(murmur2(Buffer.from('a-little-bit-long-string')), -985981536);
  assert.equal(murmur2('a-little-bit-longer-string'), -1486304829);
  assert.equal(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')), -58897971);
});

test('messages are grouped per partition in their order', () => {
  const messages = Array.from({ length: 10 }, (_, i) => ({
    key: `k${i}`,
    value: '',
    partition: i % 3,
  }));
  const groups = groupMessagesPerPartition({
    topic: 't',
    partitionMetadata: [{ partitionId: 0 }, { partitionId: 1 }, { partitionId: 2 }],
    messages,
    partitioner: ({ message }) => message.partition ?? 0,
  });
  assert.deepEqual(
    Object.fromEntries(Object.entries(groups).map(([p, ms]) => [p, ms.map((m) => m.key)])),
    { 0: ['k0', 'k3', 'k6', 'k9'], 1: ['k1', 'k4', 'k7'], 2: ['k2', 'k5', 'k8'] },
  );
});

test('a batch takes its first and largest timestamps by value, not as sorted strings', async () => {
  const request = produceRequest({
    acks: -1,
    timeout: 30_000,
    transactionalId: 't',
    topicData: [
      {
        topic: 'a',
        partitions: [
          {
            partition: 0,
            messages: [
              { key: 'a', value: 'x', timestamp: '999' },
              { key: 'b', value: 'y', timestamp: '1000' },
            ],
          },
        ],
      },
    ],
  });
  const decoder = new Decoder((await request.encode()).buffer);
  decoder.readString(); // transactional id
  decoder.readInt16(); // acks
  decoder.readInt32(); // timeout
  decoder.readInt32(); // topics
  decoder.readString();
  decoder.readInt32(); // partitions
  decoder.readInt32();
  const batch = await decodeRecordBatch(new Decoder(decoder.readBytes()));
  // Upstream sorted '1000' before '999' and wrote first 1000, max 999.
  assert.equal(String(batch.firstTimestamp), '999');
  assert.equal(String(batch.maxTimestamp), '1000');
  assert.deepEqual(
    batch.records.map((r) => r.timestamp),
    ['999', '1000'],
  );
});

interface FakeBroker {
  initProducerId(): Promise<{ producerId: number; producerEpoch: number }>;
  [request: string]: () => Promise<unknown>;
}
const createEosManager = require('kafkajs/src/producer/eosManager/index.js') as (args: {
  logger: unknown;
  cluster: unknown;
  transactional: boolean;
  transactionalId: string;
}) => {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  addPartitionsToTransaction(topics: unknown[]): Promise<void>;
  sendOffsets(args: unknown): Promise<void>;
  commit(): Promise<void>;
};

/** An EosManager on a fake cluster that counts coordinator lookups and can fail a request. */
function eosOnFakeCluster() {
  const lookups = { transaction: 0, group: 0 };
  const failNext = new Map<string, string>();
  const request = (name: string) => async () => {
    const type = failNext.get(name);
    failNext.delete(name);
    if (type) throw Object.assign(new Error(type), { type, retriable: true });
  };
  const broker: FakeBroker = {
    initProducerId: async () => ({ producerId: 1, producerEpoch: 0 }),
    addPartitionsToTxn: request('addPartitionsToTxn'),
    addOffsetsToTxn: request('addOffsetsToTxn'),
    txnOffsetCommit: request('txnOffsetCommit'),
    endTxn: request('endTxn'),
  };
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const eos = createEosManager({
    logger: { ...quiet, namespace: () => quiet },
    cluster: {
      retry: { retries: 0 },
      refreshMetadataIfNecessary: async () => undefined,
      findGroupCoordinator: async ({ coordinatorType }: { coordinatorType: number }) => {
        // kafkajs's coordinator types: 0 group, 1 transaction.
        if (coordinatorType === 1) lookups.transaction++;
        else lookups.group++;
        return broker;
      },
    },
    transactional: true,
    transactionalId: 'app-in-0',
  });
  const transaction = async () => {
    eos.beginTransaction();
    await eos.addPartitionsToTransaction([{ topic: 'out', partitions: [{ partition: 0 }] }]);
    await eos.sendOffsets({
      consumerGroupId: 'app',
      topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '1' }] }],
    });
    await eos.commit();
  };
  return { eos, lookups, failNext, transaction };
}

test('coordinators are looked up once, then again only after a request to one failed', async () => {
  const { eos, lookups, failNext, transaction } = eosOnFakeCluster();
  await eos.initProducerId();
  for (let i = 0; i < 3; i++) await transaction();
  // Upstream: one transaction-coordinator lookup per request (3 per transaction), one group.
  assert.deepEqual(lookups, { transaction: 1, group: 1 });

  // Failed requests, retried as kafkajs's send and the runtime's sendOffsets retry them.
  const offsets = {
    consumerGroupId: 'app',
    topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '9' }] }],
  };
  eos.beginTransaction();
  // The coordinator still completing the previous commit names no coordinator problem.
  failNext.set('addPartitionsToTxn', 'CONCURRENT_TRANSACTIONS');
  const out = [{ topic: 'out', partitions: [{ partition: 0 }] }];
  await assert.rejects(eos.addPartitionsToTransaction(out));
  await eos.addPartitionsToTransaction(out);
  assert.deepEqual(lookups, { transaction: 1, group: 1 });
  failNext.set('addOffsetsToTxn', 'NOT_COORDINATOR');
  await assert.rejects(eos.sendOffsets(offsets));
  await eos.sendOffsets(offsets);
  await eos.commit();
  assert.deepEqual(lookups, { transaction: 2, group: 1 });
});
