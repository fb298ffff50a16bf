/**
 * docker-compose.yml without a Docker engine: valid against the Compose Specification's JSON
 * schema (one broker, and the `cluster` profile with its env file), images pinned to the
 * versions the local stack runs, dependencies that can be satisfied, `demo` reaching every
 * service, and the cluster profile replicating everything three times.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadStackConfig } from '@fraud/stack';
import { readVersions } from '../src/config.js';
import {
  activeServices,
  bindMounts,
  environmentOf,
  profilesOf,
  readComposeDocument,
  readEnvFile,
  type ComposeFile,
  type ComposeService,
} from './compose-model.js';
import { composeValidator } from './compose-spec-schema.js';

const stack = loadStackConfig();
const root = stack.root;
const clusterEnv = readEnvFile(join(root, 'infra', 'compose', 'cluster.env'));
const single = readComposeDocument(root) as ComposeFile;
const cluster = readComposeDocument(root, clusterEnv) as ComposeFile;
const singleServices = activeServices(single, []);
const clusterServices = activeServices(cluster, profilesOf(clusterEnv));

test('the file is valid Compose, with one broker and with the cluster profile', () => {
  const validate = composeValidator(stack.dir);
  assert.deepEqual(validate(readComposeDocument(root)), []);
  assert.deepEqual(validate(readComposeDocument(root, clusterEnv)), []);
});

test('the schema check is not vacuous: a broken service is refused', () => {
  const validate = composeValidator(stack.dir);
  const broken = structuredClone(single) as unknown as { services: Record<string, object> };
  broken.services.kafka = {
    ...broken.services.kafka,
    depends_on: { postgres: { condition: 'up' } },
  };
  assert.notDeepEqual(validate(broken), []);
});

test('every image is pinned to an explicit version; infrastructure runs the pom versions', () => {
  for (const [name, service] of Object.entries(single.services)) {
    const image = service.image ?? '';
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    assert.ok(tag, `${name}: image ${image} has no tag`);
    assert.notEqual(tag, 'latest', `${name}: image ${image}`);
    if (service.build) {
      // Built here: a local name; the Dockerfile's base images are checked in compose-images.
      assert.equal(tag, 'local', `${name}: a built image is tagged :local, not pulled`);
    } else {
      assert.match(tag, /^v?\d+(\.\d+)+/, `${name}: ${image} is not an explicit version`);
    }
  }
  const versions = readVersions(stack.pom);
  for (const name of ['kafka', 'kafka-2', 'kafka-3']) {
    assert.equal(single.services[name]?.image, `apache/kafka:${versions.kafka}`);
  }
  assert.equal(single.services.connect?.image, `quay.io/debezium/connect:${versions.debezium}`);
  assert.equal(single.services.registry?.image, `apicurio/apicurio-registry:${versions.apicurio}`);
  assert.match(single.services.postgres?.image ?? '', /^postgres:15\.\d+$/);
});

function checkDependencies(services: Record<string, ComposeService>, label: string) {
  for (const [name, service] of Object.entries(services)) {
    for (const [target, dep] of Object.entries(service.depends_on ?? {})) {
      const other = services[target];
      assert.ok(other, `${label}: ${name} depends on ${target}, which does not run`);
      if (dep.condition === 'service_healthy') {
        assert.ok(other.healthcheck?.test.length, `${label}: ${target} needs a healthcheck`);
      }
      if (dep.condition === 'service_completed_successfully') {
        assert.ok(
          other.restart === undefined || other.restart === 'no',
          `${label}: ${target} is awaited to exit, so it must not restart`,
        );
      }
    }
  }
}

test('every depends_on target runs, with a healthcheck where service_healthy is awaited', () => {
  checkDependencies(singleServices, 'one broker');
  checkDependencies(clusterServices, 'cluster');
  // Optional dependencies only point at profile services; everything else must be required.
  for (const [name, service] of Object.entries(single.services)) {
    for (const [target, dep] of Object.entries(service.depends_on ?? {})) {
      if (dep.required === false) {
        assert.ok(single.services[target]?.profiles, `${name} → ${target}: optional needlessly`);
      }
    }
  }
});

/** Every service `docker compose up <name>` starts: the service and what it waits for. */
function closure(services: Record<string, ComposeService>, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const target of Object.keys(services[name]?.depends_on ?? {})) visit(target);
  };
  visit(start);
  return seen;
}

test('`docker compose up demo` starts every service, traffic included, and no cycle', () => {
  for (const [label, services] of [
    ['one broker', singleServices],
    ['cluster', clusterServices],
  ] as const) {
    const started = closure(services, 'demo');
    assert.deepEqual([...started].sort(), Object.keys(services).sort(), label);
    // A topological order exists: repeatedly remove services whose dependencies are gone.
    const left = new Map(
      Object.entries(services).map(([n, s]) => [n, Object.keys(s.depends_on ?? {})]),
    );
    while (left.size > 0) {
      const ready = [...left].filter(([, deps]) => deps.every((d) => !left.has(d)));
      assert.ok(
        ready.length > 0,
        `${label}: dependency cycle among ${[...left.keys()].join(', ')}`,
      );
      for (const [name] of ready) left.delete(name);
    }
  }
  assert.ok(singleServices.traffic?.command?.includes('traffic'), 'the demo runs the generator');
});

test('every bind-mounted file exists; named volumes are declared', () => {
  for (const [name, service] of Object.entries(single.services)) {
    for (const { source } of bindMounts(service)) {
      assert.ok(existsSync(join(root, source)), `${name}: ${source} does not exist`);
    }
    for (const spec of service.volumes ?? []) {
      const source = spec.split(':')[0] ?? '';
      if (!source.startsWith('.') && !source.startsWith('/') && spec.includes(':')) {
        assert.ok(single.volumes && source in single.volumes, `${name}: volume ${source}`);
      }
    }
  }
});

test('the cluster profile: three voters, and replication factor 3 wherever topics are made', () => {
  const brokers = ['kafka', 'kafka-2', 'kafka-3'];
  assert.deepEqual(
    Object.keys(singleServices).filter((n) => n.startsWith('kafka')),
    ['kafka'],
    'one broker without the profile',
  );
  for (const [index, name] of brokers.entries()) {
    const env = environmentOf(clusterServices[name] ?? {});
    assert.equal(env.KAFKA_NODE_ID, String(index + 1));
    assert.equal(env.KAFKA_PROCESS_ROLES, 'broker,controller');
    assert.equal(
      env.KAFKA_CONTROLLER_QUORUM_VOTERS,
      brokers.map((b, i) => `${i + 1}@${b}:19093`).join(','),
    );
    assert.equal(env.CLUSTER_ID, environmentOf(clusterServices.kafka ?? {}).CLUSTER_ID);
    for (const key of [
      'KAFKA_DEFAULT_REPLICATION_FACTOR',
      'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
      'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
    ]) {
      assert.equal(env[key], '3', `${name} ${key}`);
    }
    assert.equal(env.KAFKA_MIN_INSYNC_REPLICAS, '2');
    assert.equal(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR, '2');
    assert.match(env.KAFKA_ADVERTISED_LISTENERS ?? '', new RegExp(`INTERNAL://${name}:9092`));
  }
  const connect = environmentOf(clusterServices.connect ?? {});
  for (const key of ['CONFIG', 'OFFSET', 'STATUS']) {
    assert.equal(connect[`CONNECT_${key}_STORAGE_REPLICATION_FACTOR`], '3', `Connect ${key}`);
  }
  assert.equal(connect.BOOTSTRAP_SERVERS, 'kafka:9092,kafka-2:9092,kafka-3:9092');
  assert.equal(environmentOf(clusterServices['cdc-setup'] ?? {}).CDC_TOPIC_REPLICATION_FACTOR, '3');
  for (const name of ['payments-api', 'streams', 'alerts-api', 'lake-sink', 'traffic']) {
    const env = environmentOf(clusterServices[name] ?? {});
    assert.equal(env.KAFKA_BROKERS, 'kafka:9092,kafka-2:9092,kafka-3:9092', name);
  }
  // Topics the topology creates itself (changelogs, outputs, dead letters); the services'
  // other topics are auto-created with the brokers' default.replication.factor, 3 above.
  assert.equal(environmentOf(clusterServices.streams ?? {}).REPLICATION_FACTOR, '3');
  // Connect (and so everything after it) waits for all three brokers.
  assert.equal(clusterServices.connect?.depends_on?.['kafka-3']?.condition, 'service_healthy');
});
