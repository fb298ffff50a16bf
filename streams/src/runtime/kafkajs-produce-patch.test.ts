/**
 * kafkajs 2.2.4's produce path as patched by patches/kafkajs+2.2.4.patch (records written into
 * exact-size buffers, murmur2 on 32-bit integers, linear grouping per partition) must put the
 * same bytes on the wire and the same keys on the same partitions as upstream and Kafka's Java
 * client. The expected bytes below were produced by unpatched kafkajs 2.2.4.
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
