import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTraffic, writeTrafficFile, type GeneratedPayment } from '../generator/index.js';
import { writeReport } from '../report/write-report.js';
import { buildK6, K6_VERSION } from './build-k6.js';
import type { LoadtestArgs } from './loadtest-args.js';
import { runK6 } from './run-k6.js';
import {
  planScenario,
  plannedIterations,
  readScenarios,
  totalSeconds,
  type ScenarioPlan,
} from './scenario-plan.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const K6_SCRIPT = join(repoRoot, 'loadtest', 'k6', 'payments.js');
export const REPORTS_DIR = join(repoRoot, 'loadtest', 'reports');
/** k6 is built once into the stack's git-ignored folder and reused. */
export const K6_BIN_DIR = join(repoRoot, '.stack', 'bin');

export interface RunScenarioOptions {
  progress: (line: string) => void;
  /** Where k6 is built and cached; `.stack/bin` by default (git-ignored). */
  binDir?: string;
  /** k6's own console output off (tests). */
  quiet?: boolean;
  now?: Date;
}

export interface ScenarioRun {
  plan: ScenarioPlan;
  outDir: string;
  payloadFile: string;
  summaryFile: string;
  samplesFile: string;
  reportFile: string;
  /** 0, or 99 when a threshold failed. */
  exitCode: number;
  payments: number;
}

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of items) {
    yield item;
    if (++taken >= count) return;
  }
}

const stamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');

/**
 * One load test: k6 (built once), the scenario scaled as asked, a payload file from the
 * traffic generator with enough payments for every planned iteration, k6 against the API,
 * then summary.json, samples.csv.gz and report.html in the run's folder.
 */
export async function runScenario(
  args: LoadtestArgs,
  options: RunScenarioOptions,
): Promise<ScenarioRun> {
  const { progress, quiet = false, now = new Date() } = options;
  const plan = planScenario(readScenarios(), args.scenario, {
    rate: args.rate,
    durationS: args.durationS,
  });
  const k6 = await buildK6({ binDir: options.binDir ?? K6_BIN_DIR, progress });

  const outDir = resolve(args.outDir ?? join(REPORTS_DIR, `${plan.name}-${stamp(now)}`));
  mkdirSync(outDir, { recursive: true });
  // Results never belong in git, wherever --out points.
  if (!existsSync(join(REPORTS_DIR, '.gitignore')) && outDir.startsWith(REPORTS_DIR)) {
    writeFileSync(join(REPORTS_DIR, '.gitignore'), '*\n');
  }

  // A few more payments than planned iterations: k6 may start a handful more than the area.
  const count = Math.ceil(plannedIterations(plan) * 1.05) + 10;
  const seconds = totalSeconds(plan);
  const payloadFile = join(outDir, 'payload.jsonl');
  progress(
    `writing ${count} payments (seed ${args.seed}, fraud ${args.fraudRate}) to ${payloadFile}`,
  );
  const traffic: Iterable<GeneratedPayment> = generateTraffic({
    seed: args.seed,
    // Now, so each run's ids (Idempotency-Keys) are new and the API stores new payments.
    startMs: now.getTime(),
    // Generous: the generator follows a daily rhythm, so a window can run below the mean.
    durationMs: Math.max(seconds * 4, 3600) * 1000,
    paymentsPerSecond: Math.max(1, count / seconds),
    fraudRate: args.fraudRate,
  });
  const written = await writeTrafficFile(payloadFile, take(traffic, count));

  const summaryFile = join(outDir, 'summary.json');
  const samplesFile = join(outDir, 'samples.csv.gz');
  progress(`k6 ${K6_VERSION}: scenario ${plan.name} (${plan.description}) against ${args.url}`);
  const exitCode = await runK6({
    k6,
    script: K6_SCRIPT,
    cwd: outDir,
    samplesFile,
    quiet,
    scriptEnv: {
      PLAN: JSON.stringify(plan),
      PAYLOAD_FILE: payloadFile,
      PAYMENTS_API_URL: args.url,
      SCORE: args.score,
      SCORE_SAMPLE: String(args.scoreSample),
      SUMMARY_FILE: summaryFile,
    },
  });

  const profile = [
    `${plan.startRate}/s`,
    ...plan.stages.map((s) => `${s.target}/s over ${s.durationS} s`),
  ];
  const reportFile = await writeReport({
    summaryFile,
    samplesFile,
    reportFile: join(outDir, 'report.html'),
    title: `Load test: ${plan.name}`,
    description: plan.description,
    facts: [
      ['payments-api', args.url],
      ['started', now.toISOString()],
      ['rate profile', profile.join(' → ')],
      [
        'time to score',
        args.score === 'poll'
          ? `polled for ${args.scoreSample * 100} % of payments`
          : 'not measured',
      ],
      ['payload', `${written} generated payments, seed ${args.seed}, fraud rate ${args.fraudRate}`],
      ['k6', K6_VERSION],
    ],
  });
  return {
    plan,
    outDir,
    payloadFile,
    summaryFile,
    samplesFile,
    reportFile,
    exitCode,
    payments: written,
  };
}
