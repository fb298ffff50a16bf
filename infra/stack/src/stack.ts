import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaJava, loadStackConfig, registryJava, type StackConfig } from './config.js';
import type { Component, ComponentName } from './components/component.js';
import { connect } from './components/connect.js';
import { kafka } from './components/kafka.js';
import { postgres } from './components/postgres.js';
import { registry } from './components/registry.js';
import { StackError } from './errors.js';
import { ensureJars, type Progress } from './jars.js';
import { isPortFree, portOwner } from './ports.js';
import { provisionCdc } from './provision-cdc.js';
import { findPostgresBin } from './prerequisites.js';
import { forgetPid, groupRss, runningPid, startDaemon, stopGroup, tail } from './processes.js';

/** Start order; `down` walks it backwards. */
export const COMPONENT_NAMES: readonly ComponentName[] = [
  'postgres',
  'kafka',
  'registry',
  'connect',
];

export const components = (c: StackConfig): Component[] => [
  postgres(c),
  kafka(c),
  registry(c),
  connect(c),
];

export const logFileOf = (c: StackConfig, name: ComponentName) => join(c.logDir, `${name}.log`);

const pidOf = (c: StackConfig, name: ComponentName) => runningPid(c.runDir, name, c.dir);

export interface ComponentStatus {
  name: ComponentName;
  title: string;
  endpoint: string;
  pid: number | undefined;
  healthy: boolean;
  rssBytes: number;
  logFile: string;
}

export interface UpOptions {
  only?: readonly ComponentName[];
  progress?: Progress;
}

const silent: Progress = () => undefined;

/** The components asked for plus everything they depend on. */
function withDependencies(all: Component[], only?: readonly ComponentName[]): Component[] {
  if (!only) return all;
  const wanted = new Set<ComponentName>();
  const add = (name: ComponentName) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    all.find((x) => x.name === name)?.dependsOn.forEach(add);
  };
  only.forEach(add);
  return all.filter((x) => wanted.has(x.name));
}

/**
 * Starts whatever is not running yet, each component as soon as its dependencies are healthy,
 * and returns when all of them answer. Idempotent: running components are left alone.
 */
export async function up(
  c: StackConfig,
  { only, progress = silent }: UpOptions = {},
): Promise<ComponentStatus[]> {
  const selected = withDependencies(components(c), only);
  for (const dir of [c.dataDir, c.logDir, c.runDir]) mkdirSync(dir, { recursive: true });
  // Every prerequisite is checked before anything starts, so a missing one fails fast.
  const needs = (name: ComponentName) => selected.some((x) => x.name === name);
  if (needs('kafka') || needs('connect')) kafkaJava(c);
  if (needs('registry')) registryJava(c);
  if (needs('postgres')) findPostgresBin(c.pgBin);
  if (selected.some((x) => x.name !== 'postgres')) await ensureJars(c, progress);

  const ready = new Map<ComponentName, Promise<void>>();
  const startWhenReady = async (component: Component) => {
    await Promise.all(component.dependsOn.map((d) => ready.get(d)));
    await startOne(c, component, progress);
  };
  for (const component of selected) ready.set(component.name, startWhenReady(component));
  const results = await Promise.allSettled(ready.values());
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  if (needs('postgres') && needs('connect')) await provisionCdc(c, progress);
  return status(
    c,
    selected.map((x) => x.name),
  );
}

async function startOne(c: StackConfig, component: Component, progress: Progress): Promise<void> {
  const { name } = component;
  const logFile = logFileOf(c, name);
  const started = Date.now();
  if (pidOf(c, name) !== undefined) {
    await waitHealthy(c, component, undefined);
    progress(`✓ ${name.padEnd(9)} already running`);
    return;
  }
  forgetPid(c.runDir, name);
  if (!(await isPortFree(component.port))) {
    const owner = portOwner(component.port);
    throw new StackError(
      `port ${component.port} is already in use by ${owner ?? 'a process'} that this stack did not start`,
      {
        component: name,
        hint: `stop that process, or move the stack with ${portVariable[name]}=<free port>`,
      },
    );
  }
  await component.prepare();
  progress(`… ${name.padEnd(9)} starting ${component.title}`);
  const child = startDaemon({ name, ...component.command(), logFile, runDir: c.runDir });
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  child.once('error', (error) => (exited = `could not start: ${error.message}`));
  await waitHealthy(c, component, () => exited);
  await component.bootstrap?.();
  progress(
    `✓ ${name.padEnd(9)} ${component.endpoint}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

const portVariable: Record<ComponentName, string> = {
  postgres: 'POSTGRES_PORT',
  kafka: 'KAFKA_PORT',
  connect: 'CONNECT_PORT',
  registry: 'SCHEMA_REGISTRY_PORT',
};

async function waitHealthy(
  c: StackConfig,
  component: Component,
  exitReason: (() => string | undefined) | undefined,
) {
  const logFile = logFileOf(c, component.name);
  const deadline = Date.now() + c.startTimeoutMs;
  for (;;) {
    const reason = exitReason?.();
    if (reason !== undefined) {
      forgetPid(c.runDir, component.name);
      throw failedStart(component, logFile, reason);
    }
    if (await component.probe()) return;
    if (Date.now() > deadline) {
      const pid = pidOf(c, component.name);
      if (pid !== undefined) await stopGroup(pid, 'SIGKILL', 5000);
      forgetPid(c.runDir, component.name);
      throw failedStart(component, logFile, `not healthy after ${c.startTimeoutMs / 1000} s`);
    }
    await sleep(300);
  }
}

function failedStart(component: Component, logFile: string, reason: string): StackError {
  const recent = tail(logFile, 40);
  const lastLines = recent.split('\n').filter(Boolean).slice(-8).join('\n    ');
  return new StackError(`${reason}\n  last log lines:\n    ${lastLines}`, {
    component: component.name,
    logFile,
    hint:
      component.diagnose(recent) ?? 'see the log; `npm run stack -- reset` starts from empty data',
  });
}

/** Stops every running component, dependants first, and waits until no process is left. */
export async function down(c: StackConfig, progress: Progress = silent): Promise<void> {
  for (const component of [...components(c)].reverse()) {
    const pid = pidOf(c, component.name);
    if (pid !== undefined) {
      progress(`… ${component.name.padEnd(9)} stopping (pid ${pid})`);
      await stopGroup(pid, component.stopSignal, 30_000);
      progress(`✓ ${component.name.padEnd(9)} stopped`);
    }
    forgetPid(c.runDir, component.name);
  }
}

export async function status(
  c: StackConfig,
  names: readonly ComponentName[] = COMPONENT_NAMES,
): Promise<ComponentStatus[]> {
  return Promise.all(
    components(c)
      .filter((x) => names.includes(x.name))
      .map(async (component) => {
        const pid = pidOf(c, component.name);
        return {
          name: component.name,
          title: component.title,
          endpoint: component.endpoint,
          pid,
          healthy: pid !== undefined && (await component.probe()),
          rssBytes: pid === undefined ? 0 : groupRss(pid),
          logFile: logFileOf(c, component.name),
        };
      }),
  );
}

/** Stops the stack and deletes its data and logs; the resolved jars stay. */
export async function reset(c: StackConfig, progress: Progress = silent): Promise<void> {
  await down(c, progress);
  for (const dir of [c.dataDir, c.logDir, c.runDir]) rmSync(dir, { recursive: true, force: true });
  progress(`removed ${c.dataDir}, ${c.logDir} and ${c.runDir} (jars in ${c.distDir} kept)`);
}

/** For tests and tools: bring the default stack up, or reuse the running one. */
export const ensureStack = async (): Promise<ComponentStatus[]> => up(loadStackConfig());
