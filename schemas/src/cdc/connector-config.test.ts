import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdcConnectorValues, renderConnectorConfig } from './connector-config.js';

test('fills the placeholders from DATABASE_URL, with overrides', () => {
  const values = cdcConnectorValues('postgres://fraud:fraud@127.0.0.1:15432/fraud', {
    CDC_DATABASE_HOST: 'postgres',
  });
  const config = renderConnectorConfig(values);
  assert.equal(config['database.hostname'], 'postgres');
  assert.equal(config['database.port'], '15432');
  assert.equal(config['database.dbname'], 'fraud');
  assert.equal(config['database.user'], 'debezium');
  assert.ok(Object.values(config).every((v) => !v.includes('${')));
});

test('states the CDC contract: pgoutput, own slot, existing publication, card-keyed payments', () => {
  const config = renderConnectorConfig(cdcConnectorValues('postgres://a:b@h:1/fraud'));
  assert.equal(config.name, 'fraud-cdc');
  assert.equal(config['plugin.name'], 'pgoutput');
  assert.equal(config['publication.name'], 'fraud_cdc');
  assert.equal(config['publication.autocreate.mode'], 'disabled');
  assert.equal(config['topic.prefix'], 'pg');
  assert.equal(config['message.key.columns'], 'public.payments:card_id');
  assert.equal(config['value.converter.schemas.enable'], 'false');
});

test('a placeholder without a value is an error naming it', () => {
  assert.throws(() => renderConnectorConfig({}), /CDC_DATABASE_HOST/);
});
