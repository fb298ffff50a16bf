import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createKafka } from './kafka.js';
import { parseBrokers } from './service-config.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

test('kafkajs logs go through pino with their namespace and fields', async () => {
  const { logger, lines } = capture();
  const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 't', logger });
  kafka.logger().namespace('Consumer').warn('rebalancing', { groupId: 'g1' });
  kafka.logger().debug('below the level');
  await new Promise((done) => setImmediate(done));
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.msg, 'rebalancing');
  assert.equal(lines[0]?.namespace, 'Consumer');
  assert.equal(lines[0]?.groupId, 'g1');
  assert.equal(lines[0]?.component, 'kafkajs');
});

test('retriable protocol errors that kafkajs retries itself are logged at debug', async () => {
  const { logger, lines } = capture();
  logger.level = 'debug';
  const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 't', logger });
  const concurrent =
    'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing';
  const log = kafka.logger();
  log.namespace('Connection').error('Response AddPartitionsToTxn(key: 24, version: 1)', {
    error: concurrent,
  });
  log.namespace('Producer').error(`Failed to send messages: ${concurrent}`, { retryCount: 0 });
  log.namespace('Connection').error('Response Metadata(key: 3, version: 6)', {
    error: 'Not authorized to access topics: [Topic authorization failed]',
  });
  log.namespace('Connection').error('Connection error: connect ECONNREFUSED 127.0.0.1:1');
  await new Promise((done) => setImmediate(done));
  assert.deepEqual(
    lines.map((l) => l['level']),
    [20, 20, 50, 50],
  );
});

test('parses a broker list', () => {
  assert.deepEqual(parseBrokers(' a:1, b:2 ,,'), ['a:1', 'b:2']);
});
