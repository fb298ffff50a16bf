import { parseArgs } from 'node:util';
import { FraudError } from '@fraud/common';

export interface E2eBenchOptions {
  /** Payments/s; in a sweep, the first step's rate. */
  rate: number;
  /** Measured seconds (per step in a sweep), after the warm-up. */
  durationS: number;
  /** Seconds of traffic before measuring (JIT, connection pools, model session). */
  warmupS: number;
  fraudRate: number;
  sweep: { stepRate: number; maxRate: number } | undefined;
  p99TargetMs: number;
  sampleEveryS: number;
  /** Longest wait for the tail of the run after the traffic stops. */
  drainS: number;
  /** payments-api on it, the topology on +1, alerts-api on +2, lake-sink on +3. */
  portBase: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** LOG_LEVEL of the services. */
  logLevel: string;
  json: boolean;
}

export const E2E_USAGE = `usage: npm run bench -- e2e [options]
  --rate N           payments/s (default 500; first step of a sweep, default 100 there)
  --duration T       measured time, e.g. 300, 90s, 5m (default 5m; per step in a sweep, 60s)
  --warmup T         traffic before measuring starts (default 15s)
  --fraud-rate F     share of fraudulent payments (default 0.015)
  --sweep            step the rate up until the p99 target or steady lag is missed
  --step N           rate increment of a sweep (default 100)
  --max-rate N       last rate a sweep tries (default 2000)
  --p99-target MS    end-to-end p99 to meet (default 250)
  --sample-every T   CPU/RSS and lag sampling interval (default 2s)
  --drain T          longest wait for the tail after the traffic stops (default 30s)
  --port-base N      ports N..N+3 for the four services (default 18480)
  --concurrency N    requests in flight at most (default 64)
  --log-level L      services' LOG_LEVEL (default warn)
  --json             last line: one JSON object of figures`;

/** Seconds from `300`, `90s`, `5m` or `1h`. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!match) throw new FraudError('INVALID_BENCH_ARGS', `not a duration: "${text}"`);
  const unit = { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

/** The bench's command line, checked: every problem is named at once. */
export function parseBenchOptions(argv: readonly string[]): E2eBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string', default: '15s' },
      'fraud-rate': { type: 'string', default: '0.015' },
      sweep: { type: 'boolean', default: false },
      step: { type: 'string', default: '100' },
      'max-rate': { type: 'string', default: '2000' },
      'p99-target': { type: 'string', default: '250' },
      'sample-every': { type: 'string', default: '2s' },
      drain: { type: 'string', default: '30s' },
      'port-base': { type: 'string', default: '18480' },
      concurrency: { type: 'string', default: '64' },
      'log-level': { type: 'string', default: 'warn' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const problems: string[] = [];
  const number = (name: string, text: string, ok: (v: number) => boolean, what: string) => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) problems.push(`--${name} must be a number`);
    else if (!ok(v)) problems.push(`--${name} ${what}`);
    return v;
  };
  const duration = (name: string, text: string, allowZero = false) => {
    try {
      const v = parseDuration(text);
      if (v > 0 || (allowZero && v === 0)) return v;
    } catch {
      // Reported below with the others.
    }
    problems.push(`--${name} must be a ${allowZero ? '' : 'positive '}duration (300, 90s, 5m)`);
    return NaN;
  };
  const sweep = values.sweep;
  const options: E2eBenchOptions = {
    rate: number('rate', values.rate ?? (sweep ? '100' : '500'), (v) => v > 0, 'must be > 0'),
    durationS: duration('duration', values.duration ?? (sweep ? '60s' : '5m')),
    warmupS: duration('warmup', values.warmup, true),
    fraudRate: number(
      'fraud-rate',
      values['fraud-rate'],
      (v) => v >= 0 && v <= 0.5,
      'must be in [0, 0.5]',
    ),
    sweep: sweep
      ? {
          stepRate: number('step', values.step, (v) => v > 0, 'must be > 0'),
          maxRate: number('max-rate', values['max-rate'], (v) => v > 0, 'must be > 0'),
        }
      : undefined,
    p99TargetMs: number('p99-target', values['p99-target'], (v) => v > 0, 'must be > 0'),
    sampleEveryS: duration('sample-every', values['sample-every']),
    drainS: duration('drain', values.drain),
    portBase: number(
      'port-base',
      values['port-base'],
      (v) => Number.isInteger(v) && v >= 1024 && v <= 65_532,
      'must be an integer port in [1024, 65532]',
    ),
    concurrency: number(
      'concurrency',
      values.concurrency,
      (v) => Number.isInteger(v) && v >= 1,
      'must be an integer ≥ 1',
    ),
    logLevel: values['log-level'],
    json: values.json,
  };
  if (problems.length > 0) {
    throw new FraudError('INVALID_BENCH_ARGS', `invalid options:\n  ${problems.join('\n  ')}`);
  }
  return options;
}
