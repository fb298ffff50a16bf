import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdcConnectorValues, renderConnectorConfig } from './connector-config.js';
import { cdcTopicSpecs } from './cdc-topics.js';

test('the CDC topics follow the topic.creation settings of the connector config', () => {
  const config = renderConnectorConfig(
    cdcConnectorValues('postgres://u:p@127.0.0.1:15432/fraud', {}),
  );
  const specs = new Map(cdcTopicSpecs(config).map((s) => [s.topic, s]));
  assert.deepEqual([...specs.keys()].sort(), [
    'pg.public.accounts',
    'pg.public.cards',
    'pg.public.merchants',
    'pg.public.payments',
  ]);
  const payments = specs.get('pg.public.payments');
  assert.equal(payments?.numPartitions, 6);
  assert.deepEqual(payments?.configEntries, [
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: '604800000' },
  ]);
  const cards = specs.get('pg.public.cards');
  assert.equal(cards?.numPartitions, 1);
  assert.deepEqual(cards?.configEntries, [{ name: 'cleanup.policy', value: 'compact' }]);
});
