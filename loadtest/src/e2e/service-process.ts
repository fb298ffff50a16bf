import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One process of the pipeline, as the demo and the end-to-end bench start it. */
export interface PipelineService {
  name: 'payments-api' | 'fraud-topology' | 'alerts-api' | 'lake-sink';
  /** Entry file, relative to the repository root. */
  entry: string;
  /** Its default PORT. */
  port: number;
  /** What it is, for the demo's listing. */
  about: string;
  /**
   * CPU priority (nice, 0 = normal). The lake sink writes in batches off the latency path;
   * below the others, its Parquet bursts wait instead of delaying the scoring path's cycles.
   */
  niceness?: number;
}

/** Start order: each consumes what the one before produces. */
export const PIPELINE_SERVICES: readonly PipelineService[] = [
  {
    name: 'payments-api',
    entry: 'services/payments-api/src/server.ts',
    port: 8080,
    about: 'POST /payments, API docs at /docs',
  },
  {
    name: 'fraud-topology',
    entry: 'streams/src/fraud/app/main.ts',
    port: 8090,
    about: 'enrich, features, ONNX scoring (health and /metrics only)',
  },
  {
    name: 'alerts-api',
    entry: 'services/alerts-api/src/server.ts',
    port: 8081,
    about: 'analyst dashboard; log in as analyst / analyst-pass (viewer / viewer-pass reads only)',
  },
  {
    name: 'lake-sink',
    entry: 'services/lake-sink/src/server.ts',
    port: 8082,
    about: 'Iceberg table under .stack/lake (health and /metrics only)',
    niceness: 10,
  },
];

export interface StartServiceOptions {
  name: string;
  /** Repository root; `entry` is relative to it and the process runs there. */
  root: string;
  entry: string;
  port: number;
  /** Appended to; stdout and stderr both go there. */
  logFile: string;
  /** Added to this process's environment (PORT is set from `port`). */
  env?: Readonly<Record<string, string>>;
  /** How long /readyz may take to answer 200 (state restore, migrations). Default 180 s. */
  readyTimeoutMs?: number;
  /** CPU priority of the process (nice); default 0. */
  niceness?: number;
}

export interface ServiceProcess {
  name: string;
  url: string;
  /** Undefined when the process could not be spawned (then `ready` rejects). */
  pid: number | undefined;
  logFile: string;
  /**
   * Resolves once /readyz answers 200; rejects, naming the log file, when the process exits
   * or is not ready in time (it is then left running: call `stop`).
   */
  ready: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 30 s); resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Whether something already answers HTTP on a local port (then a service cannot listen there). */
export const portAnswers = (port: number): Promise<boolean> =>
  fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

/**
 * Starts a service in its own Node process, so it does not share an event loop with whoever
 * starts it. Returns at once, so the caller can stop it even while it is still starting.
 */
export function spawnService(options: StartServiceOptions): ServiceProcess {
  const { name, root, entry, port, logFile } = options;
  const log = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ['--import', 'tsx', join(root, entry)], {
      cwd: root,
      env: { ...process.env, ...options.env, PORT: String(port) },
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
  if (options.niceness && child.pid !== undefined) setPriority(child.pid, options.niceness);
  let failure: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      failure = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
    child.once('error', (error) => {
      failure = `could not start: ${error.message}`;
      resolve();
    });
  });
  const running = () => failure === undefined;
  const url = `http://127.0.0.1:${port}`;

  const ready = (async () => {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
    for (;;) {
      const ok = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      const reason = failure ?? (Date.now() > deadline ? 'not ready in time' : undefined);
      if (reason !== undefined) throw new Error(`${name} ${reason}; see ${logFile}`);
      await sleep(250);
    }
  })();
  // Awaited by the caller; this only keeps a rejection before that from counting as unhandled.
  ready.catch(() => undefined);

  return {
    name,
    url,
    pid: child.pid,
    logFile,
    ready,
    async stop(graceMs = 30_000) {
      if (!running() || child.pid === undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}
