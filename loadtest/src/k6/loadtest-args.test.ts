import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDurationSeconds, parseLoadtestArgs } from './loadtest-args.js';

const refused = (argv: string[], pattern: RegExp) =>
  assert.throws(
    () => parseLoadtestArgs(argv, {}),
    (error: Error & { code?: string }) =>
      error.code === 'LOADTEST_USAGE' && pattern.test(error.message),
  );

test('a scenario alone runs it as written, against the local payments-api', () => {
  assert.deepEqual(parseLoadtestArgs(['steady'], {}), {
    scenario: 'steady',
    rate: undefined,
    durationS: undefined,
    url: 'http://127.0.0.1:8080',
    score: 'poll',
    scoreSample: 0.1,
    fraudRate: 0.02,
    seed: 1,
    outDir: undefined,
  });
});

test('PAYMENTS_API_URL sets the target; --url wins over it', () => {
  const env = { PAYMENTS_API_URL: 'http://10.0.0.5:8080/' };
  assert.equal(parseLoadtestArgs(['spike'], env)?.url, 'http://10.0.0.5:8080');
  assert.equal(parseLoadtestArgs(['spike', '--url', 'http://h:1'], env)?.url, 'http://h:1');
});

test('options are parsed and checked', () => {
  const args = parseLoadtestArgs(
    ['ramp', '--rate', '500', '--duration', '5m', '--score', 'off', '--score-sample', '0.5'],
    {},
  );
  assert.equal(args?.rate, 500);
  assert.equal(args?.durationS, 300);
  assert.equal(args?.score, 'off');
  assert.equal(args?.scoreSample, 0.5);
  assert.equal(parseLoadtestArgs(['steady', '--help'], {}), undefined);
});

test('bad arguments are refused with what was wrong', () => {
  refused([], /name one scenario/);
  refused(['steady', 'spike'], /name one scenario/);
  refused(['steady', '--rate', '0'], /--rate/);
  refused(['steady', '--rate', '2.5'], /--rate: expected an integer/);
  refused(['steady', '--score', 'sometimes'], /--score: poll or off/);
  refused(['steady', '--score-sample', '2'], /--score-sample/);
  refused(['steady', '--fraud-rate', '0.9'], /--fraud-rate/);
  refused(['steady', '--url', 'ftp://x'], /--url/);
  refused(['steady', '--nope'], /nope/);
});

test('durations: seconds, minutes, hours', () => {
  assert.equal(parseDurationSeconds('90'), 90);
  assert.equal(parseDurationSeconds('90s'), 90);
  assert.equal(parseDurationSeconds('1.5m'), 90);
  assert.equal(parseDurationSeconds('1h'), 3600);
  assert.throws(() => parseDurationSeconds('0.2s'), /1 s or more/);
  assert.throws(() => parseDurationSeconds('soon'), /not a duration/);
});
