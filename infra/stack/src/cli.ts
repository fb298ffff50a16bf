import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FraudError, localStackUrls } from '@fraud/common';
import { loadStackConfig, type StackConfig } from './config.js';
import type { ComponentName } from './components/component.js';
import {
  COMPONENT_NAMES,
  down,
  logFileOf,
  reset,
  status,
  up,
  type ComponentStatus,
} from './stack.js';
import { tail } from './processes.js';

const usage = `usage: npm run stack -- <command> [component ...]

  up      [component ...]        start (idempotent); returns when every component is healthy
  down                           stop everything, leaving no process behind
  status  [--json]               what runs where, healthy or not, memory; exit 1 unless all healthy
  logs    [component ...] [-f]   the last lines of each log (-f follows)
  reset                          down, then delete data and logs (the jars stay)

components: ${COMPONENT_NAMES.join(', ')}
environment: KAFKA_PORT, KAFKA_CONTROLLER_PORT, CONNECT_PORT, SCHEMA_REGISTRY_PORT,
             SCHEMA_REGISTRY_MANAGEMENT_PORT, POSTGRES_PORT, STACK_DIR, STACK_START_TIMEOUT_S,
             PG_BIN, JAVA_HOME, REGISTRY_JAVA_HOME (defaults in README)`;

const say = (line: string) => process.stdout.write(`${line}\n`);

function parseComponents(args: string[]): ComponentName[] | undefined {
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(COMPONENT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new FraudError('USAGE', `unknown component: ${unknown.join(', ')}\n\n${usage}`);
  return names.length > 0 ? (names as ComponentName[]) : undefined;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

function printStatus(rows: ComponentStatus[]): void {
  for (const row of rows) {
    const state = row.pid === undefined ? 'stopped' : row.healthy ? 'healthy' : 'UNHEALTHY';
    const detail = row.pid === undefined ? '' : `  pid ${row.pid}  rss ${mb(row.rssBytes)}`;
    say(`${row.name.padEnd(9)} ${state.padEnd(9)} ${row.endpoint}${detail}`);
  }
  const total = rows.reduce((sum, r) => sum + r.rssBytes, 0);
  if (total > 0) say(`total rss ${mb(total)}`);
}

function printConnectionHints(c: StackConfig): void {
  const urls = localStackUrls(c.ports);
  say('\nservices reach it with (these are the defaults):');
  say(`  KAFKA_BROKERS=${urls.kafkaBrokers}`);
  say(`  SCHEMA_REGISTRY_URL=${urls.schemaRegistryUrl}`);
  say(`  DATABASE_URL=${urls.databaseUrl}`);
  say(`  CONNECT_URL=${urls.connectUrl}`);
  say(`logs: ${c.logDir}`);
}

async function showLogs(c: StackConfig, args: string[]): Promise<void> {
  const names = parseComponents(args) ?? [...COMPONENT_NAMES];
  const files = names.map((n) => logFileOf(c, n)).filter((f) => existsSync(f));
  if (files.length === 0) {
    say('no logs yet: the stack has not been started');
    return;
  }
  if (args.includes('-f') || args.includes('--follow')) {
    const follow = spawn('tail', ['-n', '20', '-F', ...files], { stdio: 'inherit' });
    await new Promise((done) => follow.on('exit', done));
    return;
  }
  for (const file of files) say(`==> ${file} <==\n${tail(file, 30)}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const c = loadStackConfig();
  switch (command) {
    case 'up': {
      const started = Date.now();
      const only = parseComponents(args);
      const rows = await up(c, { progress: say, ...(only ? { only } : {}) });
      say(`\nstack up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      printStatus(rows);
      printConnectionHints(c);
      return 0;
    }
    case 'down':
      await down(c, say);
      say('stack stopped');
      return 0;
    case 'status': {
      const rows = await status(c);
      if (args.includes('--json')) say(JSON.stringify(rows));
      else printStatus(rows);
      return rows.every((r) => r.healthy) ? 0 : 1;
    }
    case 'logs':
      await showLogs(c, args);
      return 0;
    case 'reset':
      await reset(c, say);
      return 0;
    case 'help':
    case '--help':
    case '-h':
    case undefined:
      say(usage);
      return command === undefined ? 2 : 0;
    default:
      say(`unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Our own errors are worded for the reader; anything else is a bug and keeps its trace.
    process.stderr.write(
      `\n${error instanceof FraudError ? error.message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(1);
  },
);
