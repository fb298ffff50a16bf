import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_START, parseDuration, parseTrafficArgs, UsageError } from './parse-args.js';

const NOW = Date.UTC(2026, 5, 1);

test('the documented example parses to generator and posting options', () => {
  const args = parseTrafficArgs(
    [
      '--to',
      'http://127.0.0.1:8080',
      '--rate',
      '50',
      '--duration',
      '60s',
      '--fraud-rate',
      '0.02',
      '--seed',
      '7',
    ],
    NOW,
  );
  assert.deepEqual(args, {
    target: { kind: 'http', baseUrl: 'http://127.0.0.1:8080' },
    rate: 50,
    durationMs: 60_000,
    fraudRate: 0.02,
    seed: 7,
    startMs: Date.parse(DEFAULT_START),
    patterns: ['card_testing', 'account_takeover', 'impossible_travel', 'compromised_merchant'],
    limit: undefined,
    concurrency: 32,
  });
  const file = parseTrafficArgs(
    ['--to', 'out.jsonl', '--start', 'now', '--patterns', 'card_testing'],
    NOW,
  );
  assert.deepEqual(file?.target, { kind: 'file', path: 'out.jsonl' });
  assert.equal(file?.startMs, NOW);
  assert.deepEqual(file?.patterns, ['card_testing']);
  assert.equal(parseTrafficArgs(['--help'], NOW), undefined);
});

test('durations take a unit, seconds by default', () => {
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('90'), 90_000);
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('1d'), 86_400_000);
  assert.throws(() => parseDuration('soon'), UsageError);
});

test('bad arguments are refused with the option named', () => {
  const refused = (argv: string[], option: string) =>
    assert.throws(
      () => parseTrafficArgs(argv, NOW),
      (error: unknown) => error instanceof UsageError && error.message.includes(option),
    );
  refused([], '--to');
  refused(['--to', 'x.jsonl', '--rate', '0'], '--rate');
  refused(['--to', 'x.jsonl', '--fraud-rate', '0.7'], '--fraud-rate');
  refused(['--to', 'x.jsonl', '--seed', '1.5'], '--seed');
  refused(['--to', 'x.jsonl', '--patterns', 'card_testing,phishing'], 'phishing');
  refused(['--to', 'x.jsonl', '--start', 'tomorrowish'], '--start');
  refused(['--to', 'x.jsonl', '--frobnicate'], 'frobnicate');
});
