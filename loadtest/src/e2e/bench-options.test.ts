import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchOptions, parseDuration } from './bench-options.js';

test('durations in seconds, minutes or hours', () => {
  assert.equal(parseDuration('300'), 300);
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('1.5h'), 5400);
  assert.throws(() => parseDuration('5 minutes'), /not a duration/);
});

test('defaults: 500 payments/s for five minutes after a warm-up', () => {
  const options = parseBenchOptions([]);
  assert.equal(options.rate, 500);
  assert.equal(options.durationS, 300);
  assert.equal(options.warmupS, 15);
  assert.equal(options.fraudRate, 0.015);
  assert.equal(options.sweep, undefined);
  assert.equal(options.p99TargetMs, 250);
  assert.equal(options.json, false);
});

test('a sweep starts lower and measures each step for a minute unless told otherwise', () => {
  const sweep = parseBenchOptions(['--sweep', '--step', '50', '--max-rate', '400']);
  assert.equal(sweep.rate, 100);
  assert.equal(sweep.durationS, 60);
  assert.deepEqual(sweep.sweep, { stepRate: 50, maxRate: 400 });
  const told = parseBenchOptions(['--sweep', '--rate', '300', '--duration', '30s']);
  assert.equal(told.rate, 300);
  assert.equal(told.durationS, 30);
});

test('every bad option is named at once', () => {
  assert.throws(
    () =>
      parseBenchOptions([
        '--rate',
        'fast',
        '--duration',
        '0',
        '--fraud-rate',
        '0.9',
        '--port-base',
        '80',
        '--warmup',
        '0',
      ]),
    (error: Error) =>
      error.message.includes('--rate must be a number') &&
      error.message.includes('--duration must be a positive duration') &&
      error.message.includes('--fraud-rate must be in [0, 0.5]') &&
      error.message.includes('--port-base must be an integer port') &&
      !error.message.includes('--warmup'),
  );
  assert.throws(() => parseBenchOptions(['--no-such-option']), /Unknown option/);
});
