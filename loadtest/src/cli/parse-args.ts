import { parseArgs } from 'node:util';
import { FRAUD_PATTERNS, type FraudPattern } from '../generator/generated-payment.js';

export const USAGE = `usage: npm run traffic -w @fraud/loadtest -- --to <file.jsonl | http://host:port> [options]

  --to <target>        a .jsonl file to write (offline), or payments-api's base URL to post to
  --rate <n>           payments per second, averaged over a day of event time (default 50);
                       live, also the posting rate
  --duration <d>       event-time span: 90s, 15m, 2h, 1d or plain seconds (default 60s)
  --fraud-rate <r>     share of fraudulent payments, 0 to 0.5 (default 0.01)
  --seed <n>           integer seed; the same arguments give the same payments (default 1)
  --start <t>          event time of the first payment: ISO 8601, epoch ms or "now"
                       (default 2025-01-06T08:00:00Z, a Monday morning in Europe when the
                       rate is near its daily mean; fixed so a file is reproducible)
  --patterns <list>    comma-separated subset of ${FRAUD_PATTERNS.join(', ')}
  --limit <n>          stop after n payments
  --concurrency <n>    live: requests in flight and connections kept alive (default 32)
  --help

Live runs send each payment with a deterministic Idempotency-Key: re-running the same
arguments writes nothing new (the API replays its answers). Change --seed or --start for new
payments. Progress and the summary are logged on stderr; the summary is also printed on stdout
as one JSON object.`;

export const DEFAULT_START = '2025-01-06T08:00:00Z';

export interface TrafficArgs {
  target: { kind: 'file'; path: string } | { kind: 'http'; baseUrl: string };
  rate: number;
  durationMs: number;
  fraudRate: number;
  seed: number;
  startMs: number;
  patterns: FraudPattern[];
  limit: number | undefined;
  concurrency: number;
}

export class UsageError extends Error {}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--duration: not a duration: ${text} (try 60s, 15m, 2h)`);
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000));
}

export function parseStart(text: string, now: number): number {
  if (text === 'now') return now;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--start: not a time: ${text}`);
  return ms;
}

function numberArg(name: string, text: string, check: (n: number) => boolean, rule: string) {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new UsageError(`--${name}: ${rule}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** The CLI's arguments, checked; `undefined` when help was asked for. */
export function parseTrafficArgs(argv: readonly string[], now: number): TrafficArgs | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        to: { type: 'string' },
        rate: { type: 'string', default: '50' },
        duration: { type: 'string', default: '60s' },
        'fraud-rate': { type: 'string', default: '0.01' },
        seed: { type: 'string', default: '1' },
        start: { type: 'string', default: DEFAULT_START },
        patterns: { type: 'string', default: FRAUD_PATTERNS.join(',') },
        limit: { type: 'string' },
        concurrency: { type: 'string', default: '32' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;
  if (!values.to) throw new UsageError('--to is required: a .jsonl file or an http(s) URL');
  const target = /^https?:\/\//.test(values.to)
    ? { kind: 'http' as const, baseUrl: values.to }
    : { kind: 'file' as const, path: values.to };
  if (target.kind === 'http') {
    try {
      new URL(target.baseUrl);
    } catch {
      throw new UsageError(`--to: not a URL: ${target.baseUrl}`);
    }
  }
  const patterns = values.patterns
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const unknown = patterns.filter((p) => !(FRAUD_PATTERNS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new UsageError(
      `--patterns: unknown ${unknown.join(', ')}; known: ${FRAUD_PATTERNS.join(', ')}`,
    );
  }
  return {
    target,
    rate: numberArg('rate', values.rate, (n) => n > 0, 'a rate above 0'),
    durationMs: parseDuration(values.duration),
    fraudRate: numberArg(
      'fraud-rate',
      values['fraud-rate'],
      (n) => n >= 0 && n <= 0.5,
      'between 0 and 0.5',
    ),
    seed: numberArg('seed', values.seed, Number.isSafeInteger, 'an integer'),
    startMs: parseStart(values.start, now),
    patterns: patterns as FraudPattern[],
    limit:
      values.limit === undefined
        ? undefined
        : numberArg(
            'limit',
            values.limit,
            (n) => Number.isSafeInteger(n) && n > 0,
            'a positive integer',
          ),
    concurrency: numberArg(
      'concurrency',
      values.concurrency,
      (n) => Number.isSafeInteger(n) && n >= 1 && n <= 1024,
      'an integer from 1 to 1024',
    ),
  };
}
