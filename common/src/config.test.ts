import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { ConfigError } from './errors.js';
import { describeConfig, loadConfig, Port } from './config.js';
import { loadServiceConfig } from './service-config.js';

const Schema = Type.Object({
  PORT: Port(8080, 'HTTP port'),
  NAME: Type.String({ minLength: 1, description: 'service name' }),
  VERBOSE: Type.Boolean({ default: false }),
});

test('applies defaults and converts strings to the declared types', () => {
  const config = loadConfig(Schema, { NAME: 'api', VERBOSE: 'true' });
  assert.deepEqual(config, { PORT: 8080, NAME: 'api', VERBOSE: true });
  assert.equal(loadConfig(Schema, { NAME: 'api', PORT: '9000' }).PORT, 9000);
});

test('treats an empty variable as unset, so its default applies', () => {
  assert.equal(loadConfig(Schema, { NAME: 'api', PORT: '' }).PORT, 8080);
});

test('names every offending variable in one error', () => {
  assert.throws(
    () => loadConfig(Schema, { PORT: '70000' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'CONFIG_INVALID');
      const variables = error.problems.map((p) => p.variable);
      assert.ok(variables.includes('PORT'), variables.join());
      assert.ok(variables.includes('NAME'), variables.join());
      assert.match(error.message, /PORT: .*\(got "70000"\)/);
      return true;
    },
  );
});

test('service defaults follow the local stack ports', () => {
  const config = loadServiceConfig(Type.Object({}), {
    KAFKA_PORT: '29092',
    POSTGRES_PORT: '25432',
  });
  assert.equal(config.KAFKA_BROKERS, '127.0.0.1:29092');
  assert.equal(config.DATABASE_URL, 'postgres://fraud:fraud@127.0.0.1:25432/fraud');
  assert.equal(config.SCHEMA_REGISTRY_URL, 'http://127.0.0.1:18081/apis/ccompat/v7');
  assert.equal(config.LOG_LEVEL, 'info');
});

test('explicit connection strings win over the stack defaults', () => {
  const config = loadServiceConfig(Type.Object({ PORT: Port(8080, 'HTTP') }), {
    KAFKA_BROKERS: 'k1:9092,k2:9092',
    PORT: '8181',
  });
  assert.equal(config.KAFKA_BROKERS, 'k1:9092,k2:9092');
  assert.equal(config.PORT, 8181);
});

test('rejects a malformed connection string', () => {
  assert.throws(
    () => loadServiceConfig(Type.Object({}), { DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    /DATABASE_URL[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*DATABASE_URL/,
  );
});

test('describes each variable with its default', () => {
  const text = describeConfig(Schema);
  assert.match(text, /^PORT \[default: 8080\] HTTP port$/m);
  assert.match(text, /^NAME \(required\) service name$/m);
});
