import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { STACK_HOST } from '@fraud/common';
import { kafkaJava, kafkaLibs, type StackConfig } from '../config.js';
import { StackError } from '../errors.js';
import { diagnoseJvm, log4jProperties, propertiesFile, type Component } from './component.js';

/** A KRaft cluster id: 16 random bytes, base64url, never starting with '-' (CLI parsing). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafka(c: StackConfig): Component {
  const port = c.ports.KAFKA_PORT;
  const controllerPort = c.ports.KAFKA_CONTROLLER_PORT;
  const home = join(c.dataDir, 'kafka');
  const logDirs = join(home, 'log-dirs');
  const serverProperties = join(home, 'server.properties');
  const log4j = join(home, 'log4j.properties');
  const classpath = join(kafkaLibs(c), '*');

  return {
    name: 'kafka',
    title: `Kafka ${c.versions.kafka} (KRaft, single node)`,
    port,
    endpoint: `${STACK_HOST}:${port}`,
    dependsOn: [],
    stopSignal: 'SIGTERM',

    async prepare() {
      mkdirSync(logDirs, { recursive: true });
      // Rewritten on every start, so a changed port takes effect; the data stays.
      writeFileSync(
        serverProperties,
        propertiesFile({
          'process.roles': 'broker,controller',
          'node.id': 1,
          'controller.quorum.voters': `1@${STACK_HOST}:${controllerPort}`,
          listeners: `PLAINTEXT://${STACK_HOST}:${port},CONTROLLER://${STACK_HOST}:${controllerPort}`,
          'advertised.listeners': `PLAINTEXT://${STACK_HOST}:${port}`,
          'controller.listener.names': 'CONTROLLER',
          'inter.broker.listener.name': 'PLAINTEXT',
          'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
          'log.dirs': logDirs,
          'num.partitions': 6,
          // One broker: internal topics cannot have more replicas than that.
          'offsets.topic.replication.factor': 1,
          'offsets.topic.num.partitions': 10,
          'transaction.state.log.replication.factor': 1,
          'transaction.state.log.min.isr': 1,
          'transaction.state.log.num.partitions': 10,
          'group.initial.rebalance.delay.ms': 0,
          'auto.create.topics.enable': 'true',
          'log.retention.hours': 168,
          'log.segment.bytes': 268435456,
        }),
      );
      writeFileSync(log4j, log4jProperties);
      if (existsSync(join(logDirs, 'meta.properties'))) return;
      const format = spawnSync(
        kafkaJava(c),
        [
          '-cp',
          classpath,
          'kafka.tools.StorageTool',
          'format',
          '--ignore-formatted',
          '-t',
          newClusterId(),
          '-c',
          serverProperties,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, KAFKA_LOG4J_OPTS: `-Dlog4j.configuration=file:${log4j}` },
        },
      );
      if (format.status !== 0) {
        throw new StackError(
          `formatting the KRaft storage failed:\n${format.stderr || format.stdout}`,
          {
            component: 'kafka',
            hint: 'a corrupted .stack/data/kafka: `npm run stack -- reset`',
          },
        );
      }
    },

    command() {
      return {
        file: kafkaJava(c),
        args: [
          '-Xms256m',
          '-Xmx512m',
          '-XX:+UseG1GC',
          '-XX:MaxGCPauseMillis=20',
          '-Djava.awt.headless=true',
          `-Dlog4j.configuration=file:${log4j}`,
          `-Dkafka.logs.dir=${join(c.logDir, 'kafka')}`,
          '-cp',
          classpath,
          'kafka.Kafka',
          serverProperties,
        ],
      };
    },

    async probe() {
      const admin = new Kafka({
        brokers: [`${STACK_HOST}:${port}`],
        clientId: 'stack-probe',
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1000,
        retry: { retries: 0 },
      }).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      } catch {
        return false;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },

    diagnose(log) {
      if (
        /InconsistentClusterIdException|Invalid cluster.id|meta\.properties|No readable meta|ClusterId.*doesn't match|corrupt/i.test(
          log,
        )
      ) {
        return 'the Kafka data under .stack/data looks corrupted: `npm run stack -- reset` wipes it (jars are kept)';
      }
      return diagnoseJvm(log);
    },
  };
}
