/**
 * docker-compose.yml and the local stack (`npm run stack`) are the same system: the same
 * published ports, the same settings of Kafka, Connect and the registry (read from what the
 * local components write and run), and service environments the services' own config
 * schemas accept, pointing at the containers.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Type } from '@sinclair/typebox';
import {
  commonEnvSchema,
  LOCAL_DATABASE,
  loadServiceConfig,
  loadStackPorts,
  parseBrokers,
  REGISTRY_CCOMPAT_PATH,
} from '@fraud/common';
import { cdcConnectorValues, PanTokenKey } from '@fraud/schemas';
import { CDC_ROLE, loadStackConfig, REGISTRY_DATABASE } from '@fraud/stack';
import { connect } from '../src/components/connect.js';
import { kafka } from '../src/components/kafka.js';
import { registry } from '../src/components/registry.js';
import { PENDING_SERVICE_CONFIGS } from './compose-pending.js';
import { loadServiceSchema, SERVICE_CONFIGS } from './compose-service-configs.js';
import {
  activeServices,
  environmentOf,
  publishedPorts,
  readComposeDocument,
  type ComposeFile,
} from './compose-model.js';

const root = loadStackConfig().root;
const compose = readComposeDocument(root) as ComposeFile;
const services = activeServices(compose, []);
const env = (name: string) => environmentOf(services[name] ?? {});
const defaults = loadStackPorts({});

// The local stack writes its components' configuration into a scratch STACK_DIR here.
const scratch = mkdtempSync(join(tmpdir(), 'compose-vs-stack-'));
const scratchStack = loadStackConfig({ STACK_DIR: scratch });
after(() => rmSync(scratch, { recursive: true, force: true }));

const readProperties = (path: string): Record<string, string> =>
  Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

/** The one port a service publishes: on loopback, the same number outside and inside. */
function onlyPort(name: string) {
  const ports = publishedPorts(services[name] ?? {});
  assert.equal(ports.length, 1, `${name} publishes one port`);
  const [port] = ports;
  assert.ok(port);
  assert.equal(port.hostIp, '127.0.0.1', `${name} listens on loopback only, as the stack does`);
  return port;
}

test('infrastructure is published at the local stack default ports', () => {
  assert.equal(onlyPort('kafka').hostPort, defaults.KAFKA_PORT);
  assert.equal(onlyPort('postgres').hostPort, defaults.POSTGRES_PORT);
  assert.equal(onlyPort('registry').hostPort, defaults.SCHEMA_REGISTRY_PORT);
  assert.equal(onlyPort('connect').hostPort, defaults.CONNECT_PORT);
  // Kafka tells clients outside the network to come back to that same published address.
  const kafkaPort = onlyPort('kafka');
  assert.equal(kafkaPort.containerPort, defaults.KAFKA_PORT);
  assert.match(
    env('kafka').KAFKA_ADVERTISED_LISTENERS ?? '',
    new RegExp(`EXTERNAL://127\\.0\\.0\\.1:${defaults.KAFKA_PORT}(,|$)`),
  );
});

test('services listen on the ports their config schemas default to, published as such', async () => {
  const ports: Record<string, number> = {};
  for (const name of Object.keys(SERVICE_CONFIGS)) {
    const schema = await loadServiceSchema(root, name);
    ports[name] = schema.properties.PORT?.default as number;
  }
  for (const [name, pending] of Object.entries(PENDING_SERVICE_CONFIGS)) {
    assert.ok(
      !existsSync(join(root, pending.module)),
      `${pending.module} exists now: move ${name} to SERVICE_CONFIGS and check its env`,
    );
    ports[name] = pending.port;
  }
  // ARCHITECTURE.md's defaults: payments-api 8080, alerts-api and dashboard 8081.
  assert.equal(ports['payments-api'], 8080);
  assert.equal(ports['alerts-api'], 8081);
  for (const [name, port] of Object.entries(ports)) {
    const published = onlyPort(name);
    assert.equal(published.hostPort, port, name);
    assert.equal(published.containerPort, port, name);
    assert.equal(env(name).PORT, String(port), `${name} PORT`);
    assert.equal(env(name).HOST, '0.0.0.0', `${name} listens beyond loopback in its container`);
  }
});

const nodeServices = Object.entries(services)
  .filter(([, s]) => s.build?.dockerfile?.includes('node-workspace') === true)
  .map(([name]) => name);

test('every Node service gets the common variables, pointing at the containers', () => {
  assert.ok(nodeServices.length >= 6, `Node services: ${nodeServices.join(', ')}`);
  const commonNames = Object.keys(commonEnvSchema({}).properties);
  const postgresPort = onlyPort('postgres').containerPort;
  const registryPort = onlyPort('registry').containerPort;
  const connectPort = onlyPort('connect').containerPort;
  const internalListeners = Object.keys(services)
    .filter((n) => n.startsWith('kafka'))
    .map((n) => /INTERNAL:\/\/([^,]+)/.exec(env(n).KAFKA_ADVERTISED_LISTENERS ?? '')?.[1]);
  for (const name of nodeServices) {
    const vars = env(name);
    for (const variable of commonNames) assert.ok(vars[variable], `${name} sets ${variable}`);
    // The services' own validation accepts them (URL schemes and shapes).
    const config = loadServiceConfig(Type.Object({}), vars);
    const database = new URL(config.DATABASE_URL);
    assert.equal(database.hostname, 'postgres', name);
    assert.equal(Number(database.port), postgresPort, name);
    assert.equal(database.username, LOCAL_DATABASE.user, name);
    assert.equal(database.password, LOCAL_DATABASE.password, name);
    assert.equal(database.pathname, `/${LOCAL_DATABASE.name}`, name);
    const registryUrl = new URL(config.SCHEMA_REGISTRY_URL);
    assert.equal(registryUrl.host, `registry:${registryPort}`, name);
    assert.equal(registryUrl.pathname, REGISTRY_CCOMPAT_PATH, name);
    assert.equal(new URL(config.CONNECT_URL).host, `connect:${connectPort}`, name);
    for (const broker of parseBrokers(config.KAFKA_BROKERS)) {
      assert.ok(internalListeners.includes(broker), `${name}: ${broker} is no broker's listener`);
    }
  }
});

test('services set only variables their config schemas know, with values they accept', async () => {
  const common = Object.keys(commonEnvSchema({}).properties);
  for (const name of Object.keys(SERVICE_CONFIGS)) {
    const schema = await loadServiceSchema(root, name);
    for (const variable of Object.keys(env(name))) {
      assert.ok(
        common.includes(variable) || variable in schema.properties,
        `${name}: ${variable} is read by nothing`,
      );
    }
    // Throws a ConfigError naming every variable the service would refuse at start-up.
    loadServiceConfig(schema, env(name));
  }
  const cdcVariables = [
    ...common,
    'PAN_TOKEN_KEY',
    ...Object.keys(cdcConnectorValues('postgres://u:p@h:1/d', {})),
  ];
  for (const variable of Object.keys(env('cdc-setup'))) {
    assert.ok(cdcVariables.includes(variable), `cdc-setup: ${variable} is read by nothing`);
  }
  // The API tokenizes with the key the seed used, or no seeded card would be found.
  assert.equal(env('payments-api').PAN_TOKEN_KEY, env('cdc-setup').PAN_TOKEN_KEY);
  assert.equal(env('payments-api').PAN_TOKEN_KEY, PanTokenKey.default);
});

test('the registry is configured as the local one: same apicurio.* settings, in PostgreSQL', () => {
  const local = registry(scratchStack)
    .command()
    .args.filter((arg) => arg.startsWith('-Dapicurio.'))
    .map((arg) => arg.slice(2).split(/=(.*)/s) as [string, string]);
  assert.ok(local.length > 5);
  const vars = env('registry');
  for (const [property, value] of local) {
    // Quarkus reads property a.b-c from the environment variable A_B_C.
    const variable = property.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    if (property === 'apicurio.datasource.url') {
      assert.equal(vars[variable], `jdbc:postgresql://postgres:5432/${REGISTRY_DATABASE.name}`);
    } else {
      assert.equal(vars[variable], value, `${variable} (${property})`);
    }
  }
});

test('Connect runs with the local worker settings', async () => {
  await connect(scratchStack).prepare();
  const local = readProperties(
    join(scratchStack.dataDir, 'connect', 'connect-distributed.properties'),
  );
  // Debezium's image names some settings itself and maps CONNECT_A_B to a.b for the rest.
  const ownNames: Record<string, string> = {
    BOOTSTRAP_SERVERS: 'bootstrap.servers',
    GROUP_ID: 'group.id',
    CONFIG_STORAGE_TOPIC: 'config.storage.topic',
    OFFSET_STORAGE_TOPIC: 'offset.storage.topic',
    STATUS_STORAGE_TOPIC: 'status.storage.topic',
    KEY_CONVERTER: 'key.converter',
    VALUE_CONVERTER: 'value.converter',
    OFFSET_FLUSH_INTERVAL_MS: 'offset.flush.interval.ms',
  };
  const container: Record<string, string> = {};
  for (const [variable, value] of Object.entries(env('connect'))) {
    const property =
      ownNames[variable] ??
      (variable.startsWith('CONNECT_')
        ? variable.slice(8).toLowerCase().replaceAll('_', '.')
        : undefined);
    if (property) container[property] = value;
  }
  // Addresses differ by nature (loopback vs the compose network); the rest must not.
  const placeBound = [
    'bootstrap.servers',
    'listeners',
    'rest.advertised.host.name',
    'rest.advertised.port',
    'plugin.path',
  ];
  for (const [property, value] of Object.entries(local)) {
    if (placeBound.includes(property)) continue;
    assert.equal(container[property], value, property);
  }
});

test('Kafka runs with the local broker settings', async () => {
  // An existing meta.properties makes prepare() skip formatting (which needs Java and the
  // jars); it still writes server.properties, which is what is compared here.
  const logDirs = join(scratchStack.dataDir, 'kafka', 'log-dirs');
  mkdirSync(logDirs, { recursive: true });
  writeFileSync(join(logDirs, 'meta.properties'), '');
  await kafka(scratchStack).prepare();
  const local = readProperties(join(scratchStack.dataDir, 'kafka', 'server.properties'));
  // The apache/kafka image maps KAFKA_A_B to a.b (`__` to `_`, `___` to `-`).
  const container: Record<string, string> = {};
  for (const [variable, value] of Object.entries(env('kafka'))) {
    if (!variable.startsWith('KAFKA_')) continue;
    const property = variable
      .slice(6)
      .toLowerCase()
      .replaceAll('___', '-')
      .replaceAll('__', '\0')
      .replaceAll('_', '.')
      .replaceAll('\0', '_');
    container[property] = value;
  }
  const placeBound = [
    'listeners',
    'advertised.listeners',
    'listener.security.protocol.map',
    'inter.broker.listener.name',
    'controller.quorum.voters',
    'log.dirs',
  ];
  for (const [property, value] of Object.entries(local)) {
    if (placeBound.includes(property)) continue;
    assert.equal(container[property], value, property);
  }
});

test('PostgreSQL gets the roles and databases the local stack bootstraps', () => {
  const sql = readFileSync(join(root, 'infra', 'compose', 'postgres-init.sql'), 'utf8');
  const role = (user: string, password: string, extra = '') =>
    new RegExp(`CREATE ROLE ${user} WITH LOGIN ${extra}.*PASSWORD '${password}'`);
  assert.match(sql, role(LOCAL_DATABASE.user, LOCAL_DATABASE.password));
  assert.match(sql, role(REGISTRY_DATABASE.user, REGISTRY_DATABASE.password));
  assert.match(sql, role(CDC_ROLE.user, CDC_ROLE.password, 'REPLICATION'));
  assert.match(
    sql,
    new RegExp(`CREATE DATABASE ${LOCAL_DATABASE.name} OWNER ${LOCAL_DATABASE.user}`),
  );
  assert.match(
    sql,
    new RegExp(`CREATE DATABASE ${REGISTRY_DATABASE.name} OWNER ${REGISTRY_DATABASE.user}`),
  );
  assert.ok(services.postgres?.command?.includes('wal_level=logical'));
});

test('the demo banner names the logins alerts-api accepts by default', async () => {
  const alerts = (await import(
    pathToFileURL(join(root, SERVICE_CONFIGS['alerts-api']?.module ?? '')).href
  )) as { DEMO_USERS?: string };
  assert.ok(alerts.DEMO_USERS, 'alerts-api exports DEMO_USERS');
  assert.equal(env('alerts-api').ALERTS_USERS, undefined, 'compose keeps the demo users');
  const banner = readFileSync(join(root, 'infra', 'compose', 'demo-banner.sh'), 'utf8');
  for (const entry of alerts.DEMO_USERS.split(',')) {
    const [user, password] = entry.split(':');
    assert.ok(banner.includes(`${user} / ${password}`), `banner shows ${user}'s login`);
  }
});
