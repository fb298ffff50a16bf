import { parseArgs } from 'node:util';
import { LoadtestError } from './loadtest-error.js';

export const LOADTEST_USAGE = `usage: npm run loadtest -- <scenario> [options]

  scenario             steady, ramp, spike or soak-short (loadtest/k6/scenarios.json)
  --rate <n>           peak payments per second; the scenario's rates scale with it
  --duration <d>       length of the run: 90s, 5m, 1h or plain seconds; stages scale with it
  --url <url>          payments-api (default $PAYMENTS_API_URL or http://127.0.0.1:8080)
  --score <mode>       poll: measure time to score by polling GET /payments/:id (default);
                       off: the API alone, for a stack without the fraud topology
  --score-sample <r>   share of payments polled until scored, 0 to 1 (default 0.1)
  --fraud-rate <r>     share of fraudulent payments in the traffic, 0 to 0.5 (default 0.02)
  --seed <n>           seed of the generated traffic (default 1)
  --out <dir>          where results go (default loadtest/reports/<scenario>-<timestamp>)
  --help

Builds k6 from its Go module on first use (.stack/bin), writes the payloads with the traffic
generator, runs k6 and writes summary.json, samples.csv.gz and report.html (latency over
time). Exits 99 when a threshold fails, as k6 does.`;

export interface LoadtestArgs {
  scenario: string;
  rate: number | undefined;
  durationS: number | undefined;
  url: string;
  score: 'poll' | 'off';
  scoreSample: number;
  fraudRate: number;
  seed: number;
  outDir: string | undefined;
}

const usage = (message: string) => new LoadtestError('LOADTEST_USAGE', message);

const SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

export function parseDurationSeconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (SECONDS[match[2] ?? 's'] ?? 1) : NaN;
  if (!(seconds >= 1))
    throw usage(`--duration: not a duration of 1 s or more: ${text} (try 90s, 5m)`);
  return Math.round(seconds);
}

function numberIn(name: string, text: string, min: number, max: number, integer = false): number {
  const n = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(n) ||
    n < min ||
    n > max ||
    (integer && !Number.isInteger(n))
  ) {
    throw usage(
      `--${name}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

/** The runner's arguments, checked; `undefined` when help was asked for. */
export function parseLoadtestArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): LoadtestArgs | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        rate: { type: 'string' },
        duration: { type: 'string' },
        url: { type: 'string' },
        score: { type: 'string', default: 'poll' },
        'score-sample': { type: 'string', default: '0.1' },
        'fraud-rate': { type: 'string', default: '0.02' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 1) throw usage('name one scenario: steady, ramp, spike or soak-short');
  const url = values.url ?? env.PAYMENTS_API_URL ?? 'http://127.0.0.1:8080';
  if (!/^https?:\/\/[^/]+/.test(url)) throw usage(`--url: not an http(s) URL: ${url}`);
  if (values.score !== 'poll' && values.score !== 'off') {
    throw usage(`--score: poll or off, got ${JSON.stringify(values.score)}`);
  }
  return {
    scenario: positionals[0] ?? '',
    rate: values.rate === undefined ? undefined : numberIn('rate', values.rate, 1, 100_000, true),
    durationS: values.duration === undefined ? undefined : parseDurationSeconds(values.duration),
    url: url.replace(/\/+$/, ''),
    score: values.score,
    scoreSample: numberIn('score-sample', values['score-sample'], 0, 1),
    fraudRate: numberIn('fraud-rate', values['fraud-rate'], 0, 0.5),
    seed: numberIn('seed', values.seed, 0, Number.MAX_SAFE_INTEGER, true),
    outDir: values.out,
  };
}
