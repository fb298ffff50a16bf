/**
 * `npm run loadtest -- <scenario> [options]`: k6 against a running payments-api (the demo, or
 * `docker compose up demo`); `--help` lists the options. Results go to
 * loadtest/reports/<scenario>-<timestamp>/: summary.json, samples.csv.gz, report.html.
 */
import { FraudError } from '@fraud/common';
import { LOADTEST_USAGE, parseLoadtestArgs } from './loadtest-args.js';
import { runScenario } from './run-scenario.js';

const say = (line: string) => process.stderr.write(`loadtest: ${line}\n`);

try {
  const args = parseLoadtestArgs(process.argv.slice(2));
  if (!args) {
    console.log(LOADTEST_USAGE);
    process.exit(0);
  }
  const run = await runScenario(args, { progress: say });
  say(`results in ${run.outDir}`);
  say(`report: ${run.reportFile}`);
  if (run.exitCode === 99) say('some thresholds failed (see the report)');
  process.exitCode = run.exitCode;
} catch (error) {
  if (error instanceof FraudError && error.code === 'LOADTEST_USAGE') {
    console.error(`${error.message}\n\n${LOADTEST_USAGE}`);
    process.exitCode = 2;
  } else {
    say(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
