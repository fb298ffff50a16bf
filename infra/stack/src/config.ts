import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { loadConfig, loadStackPorts, type Env, type StackPorts } from '@fraud/common';
import { findJava } from './prerequisites.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const StackEnvSchema = Type.Object({
  STACK_DIR: Type.String({
    default: join(repoRoot, '.stack'),
    description:
      'where the stack keeps jars (dist/), data (data/), logs (logs/) and pid files (run/)',
  }),
  STACK_START_TIMEOUT_S: Type.Integer({
    minimum: 5,
    default: 180,
    description: 'how long one component may take to become healthy',
  }),
  PG_BIN: Type.String({
    default: '',
    description:
      'folder of the PostgreSQL server binaries (found under /usr/lib/postgresql if empty)',
  }),
  JAVA_HOME: Type.String({
    default: '',
    description: 'JDK 17+ for Kafka and Connect (else java on PATH)',
  }),
  REGISTRY_JAVA_HOME: Type.String({
    default: '',
    description: 'JDK 21+ for Apicurio Registry (else JAVA_HOME, PATH or /usr/lib/jvm, if 21+)',
  }),
});

export interface StackVersions {
  kafka: string;
  debezium: string;
  apicurio: string;
}

export interface StackConfig {
  root: string;
  pom: string;
  dir: string;
  distDir: string;
  dataDir: string;
  logDir: string;
  runDir: string;
  ports: StackPorts;
  versions: StackVersions;
  startTimeoutMs: number;
  pgBin: string;
  /** Preferred Java binaries, from JAVA_HOME and REGISTRY_JAVA_HOME; see findJava. */
  javaHome: string | undefined;
  registryJavaHome: string | undefined;
}

/** Pinned versions live in one place, the pom that resolves the jars. */
export function readVersions(pom: string): StackVersions {
  const text = readFileSync(pom, 'utf8');
  const prop = (name: string): string => {
    const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(text);
    if (!match?.[1]) throw new Error(`${pom} has no <${name}>`);
    return match[1];
  };
  return {
    kafka: prop('kafka.version'),
    debezium: prop('debezium.version'),
    apicurio: prop('apicurio.version'),
  };
}

export function loadStackConfig(env: Env = process.env): StackConfig {
  const own: Static<typeof StackEnvSchema> = loadConfig(StackEnvSchema, env);
  const dir = resolve(own.STACK_DIR);
  const pom = join(repoRoot, 'infra', 'maven', 'pom.xml');
  return {
    root: repoRoot,
    pom,
    dir,
    distDir: join(dir, 'dist'),
    dataDir: join(dir, 'data'),
    logDir: join(dir, 'logs'),
    runDir: join(dir, 'run'),
    ports: loadStackPorts(env),
    versions: readVersions(pom),
    startTimeoutMs: own.STACK_START_TIMEOUT_S * 1000,
    pgBin: own.PG_BIN,
    javaHome: own.JAVA_HOME ? join(own.JAVA_HOME, 'bin', 'java') : undefined,
    registryJavaHome: own.REGISTRY_JAVA_HOME
      ? join(own.REGISTRY_JAVA_HOME, 'bin', 'java')
      : undefined,
  };
}

export const kafkaLibs = (c: StackConfig) => join(c.distDir, `kafka-${c.versions.kafka}`, 'libs');
export const connectPlugins = (c: StackConfig) =>
  join(c.distDir, `connect-plugins-${c.versions.debezium}`);
export const apicurioHome = (c: StackConfig) => join(c.distDir, `apicurio-${c.versions.apicurio}`);

const defined = (...xs: (string | undefined)[]) => xs.filter((x): x is string => x !== undefined);

/** Kafka 3.9 and Connect: Java 17+. */
export const kafkaJava = (c: StackConfig) => findJava(17, defined(c.javaHome), 'kafka').java;
/** Apicurio Registry 3.3 is compiled for Java 21. */
export const registryJava = (c: StackConfig) =>
  findJava(21, defined(c.registryJavaHome, c.javaHome), 'registry').java;
