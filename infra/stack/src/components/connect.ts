import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_HOST } from '@fraud/common';
import { connectPlugins, kafkaJava, kafkaLibs, type StackConfig } from '../config.js';
import { httpGet } from '../http.js';
import { diagnoseJvm, log4jProperties, propertiesFile, type Component } from './component.js';

export const DEBEZIUM_POSTGRES_CLASS = 'io.debezium.connector.postgresql.PostgresConnector';

export function connect(c: StackConfig): Component {
  const port = c.ports.CONNECT_PORT;
  const home = join(c.dataDir, 'connect');
  const workerProperties = join(home, 'connect-distributed.properties');
  const log4j = join(home, 'log4j.properties');
  const url = `http://${STACK_HOST}:${port}`;

  return {
    name: 'connect',
    title: `Kafka Connect ${c.versions.kafka} + Debezium ${c.versions.debezium}`,
    port,
    endpoint: url,
    dependsOn: ['kafka'],
    stopSignal: 'SIGTERM',

    async prepare() {
      mkdirSync(home, { recursive: true });
      writeFileSync(
        workerProperties,
        propertiesFile({
          'bootstrap.servers': `${STACK_HOST}:${c.ports.KAFKA_PORT}`,
          'group.id': 'fraud-connect',
          listeners: `http://${STACK_HOST}:${port}`,
          'rest.advertised.host.name': STACK_HOST,
          'rest.advertised.port': port,
          // Plain JSON without embedded schemas: the topology validates CDC records itself.
          'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'key.converter.schemas.enable': 'false',
          'value.converter.schemas.enable': 'false',
          'config.storage.topic': 'connect-configs',
          'offset.storage.topic': 'connect-offsets',
          'status.storage.topic': 'connect-status',
          'config.storage.replication.factor': 1,
          'offset.storage.replication.factor': 1,
          'status.storage.replication.factor': 1,
          'offset.flush.interval.ms': 5000,
          'plugin.path': connectPlugins(c),
        }),
      );
      writeFileSync(log4j, log4jProperties);
    },

    command() {
      return {
        file: kafkaJava(c),
        args: [
          '-Xms128m',
          '-Xmx512m',
          '-XX:+UseG1GC',
          '-Djava.awt.headless=true',
          `-Dlog4j.configuration=file:${log4j}`,
          '-cp',
          join(kafkaLibs(c), '*'),
          'org.apache.kafka.connect.cli.ConnectDistributed',
          workerProperties,
        ],
      };
    },

    // Healthy once the REST API answers and the Debezium plugin was loaded.
    async probe() {
      const plugins = await httpGet(`${url}/connector-plugins`);
      return plugins?.status === 200 && plugins.body.includes(DEBEZIUM_POSTGRES_CLASS);
    },

    diagnose: diagnoseJvm,
  };
}
