import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isLuhnValid } from '@fraud/common';
import { CITIES, DEFAULT_SEED_SIZES, seedCardNumber, seedId } from '@fraud/schemas';
import { CITY_UTC_OFFSET_MINUTES } from './diurnal.js';
import { TrafficError } from './errors.js';
import { generateTraffic, type TrafficOptions } from './generate-traffic.js';
import type { GeneratedPayment } from './generated-payment.js';
import { minorToEur } from './money.js';
import { PaymentRequestBody } from './payment-request.js';
import { worldOf } from './world.js';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2025, 0, 6);
const base: TrafficOptions = {
  seed: 7,
  startMs: MONDAY,
  durationMs: HOUR,
  paymentsPerSecond: 10,
  fraudRate: 0.02,
};
const all = (options: Partial<TrafficOptions> = {}) => [
  ...generateTraffic({ ...base, ...options }),
];

test('the same seed gives the same stream, another seed another one', () => {
  const once = all();
  assert.ok(once.length > 20_000);
  assert.deepEqual(all(), once);
  const other = all({ seed: 8 });
  assert.notDeepEqual(
    other.slice(0, 100).map((p) => p.request),
    once.slice(0, 100).map((p) => p.request),
  );
});

test('payments come in time order, genuine ones inside the window, with unique ids', () => {
  const payments = all({ durationMs: 2 * HOUR });
  let previous = base.startMs;
  for (const p of payments) {
    assert.ok(p.at >= previous, `payment ${p.id} goes back in time`);
    previous = p.at;
  }
  const end = base.startMs + 2 * HOUR;
  assert.ok(payments.filter((p) => !p.label.fraud).every((p) => p.at < end));
  assert.ok(previous < end + 2 * HOUR, 'incidents finish within two hours');
  assert.equal(new Set(payments.map((p) => p.id)).size, payments.length);
});

test('fraudulent payments make up the fraud rate', () => {
  const shareOf = (options: Partial<TrafficOptions>) => {
    const payments = all(options);
    return payments.filter((p) => p.label.fraud).length / payments.length;
  };
  for (const fraudRate of [0.005, 0.02, 0.1]) {
    const share = shareOf({ fraudRate, durationMs: 2 * HOUR });
    assert.ok(Math.abs(share - fraudRate) < fraudRate * 0.1, `${share} for ${fraudRate}`);
  }
  // Even a minute's worth (incidents finish past the window rather than being cut off).
  const minute = shareOf({ fraudRate: 0.02, durationMs: 60_000, paymentsPerSecond: 50 });
  assert.ok(Math.abs(minute - 0.02) < 0.02 * 0.2, `${minute} over a minute`);
  assert.equal(all({ fraudRate: 0 }).filter((p) => p.label.fraud).length, 0, 'no fraud at rate 0');
  const onlyTesting = all({ patterns: ['card_testing'] }).filter((p) => p.label.fraud);
  assert.ok(onlyTesting.length > 0);
  assert.ok(onlyTesting.every((p) => p.label.pattern === 'card_testing'));
});

test('every request is one payments-api accepts, for the seeded card and merchant', () => {
  const check = TypeCompiler.Compile(PaymentRequestBody);
  const payments = all({ fraudRate: 0.1 });
  for (const p of payments) {
    const r = p.request;
    assert.ok(check.Check(r), `${p.id}: ${JSON.stringify([...check.Errors(r)][0])}`);
    assert.ok(isLuhnValid(r.cardNumber));
    assert.equal(r.cardNumber, seedCardNumber(p.cardIndex));
    assert.equal(p.accountIndex, p.cardIndex % DEFAULT_SEED_SIZES.accounts);
    assert.equal(r.merchantId, seedId('merchant', p.merchantIndex));
    if (r.ipAddress !== undefined) assert.equal(isIP(r.ipAddress), 4, r.ipAddress);
    if (r.channel === 'card_present') {
      assert.equal(r.ipAddress, undefined);
      assert.ok(r.geo, 'a terminal has a location');
    } else {
      assert.ok(r.ipAddress && r.deviceFingerprint && r.geo);
    }
  }
});

test('the rate averages paymentsPerSecond over a day and follows local time', () => {
  const paymentsPerSecond = 2;
  const payments = all({ paymentsPerSecond, durationMs: 24 * HOUR, fraudRate: 0 });
  const expected = paymentsPerSecond * 86_400;
  assert.ok(Math.abs(payments.length - expected) < expected * 0.02, `${payments.length}`);

  // Cards of one city: busy evenings, quiet small hours, by the city's local clock.
  const world = worldOf();
  const tokyo = CITIES.findIndex((c) => c.city === 'Tokyo');
  const offset = CITY_UTC_OFFSET_MINUTES[tokyo] ?? 0;
  const byLocalHour = new Array<number>(24).fill(0);
  for (const p of payments) {
    if (world.card(p.cardIndex).cityIndex !== tokyo) continue;
    const hour = Math.floor(((p.at - MONDAY) / 60_000 + offset) / 60) % 24;
    byLocalHour[hour] = (byLocalHour[hour] ?? 0) + 1;
  }
  const night = (byLocalHour[3] ?? 0) + (byLocalHour[4] ?? 0);
  const evening = (byLocalHour[18] ?? 0) + (byLocalHour[19] ?? 0);
  assert.ok(evening > 8 * night, `evening ${evening}, night ${night}`);
});

test('cards keep their habits: home-city shops, own devices, home country online', () => {
  const world = worldOf();
  const benign = all({ fraudRate: 0 });
  for (const p of benign) {
    const card = world.card(p.cardIndex);
    if (p.request.channel === 'card_present') {
      assert.equal(world.merchants.cityOf[p.merchantIndex], card.cityIndex);
    } else {
      assert.equal(p.request.country, card.country);
      assert.ok(card.devices.includes(p.request.deviceFingerprint ?? ''));
    }
  }
  const favourite = benign.filter((p) =>
    world.card(p.cardIndex).favourites.includes(p.merchantIndex),
  );
  assert.ok(favourite.length > benign.length * 0.6, 'most payments go to favourite merchants');
});

test('amounts depend on the category, in the currency of the merchant', () => {
  const world = worldOf();
  const eurByMcc = new Map<string, number[]>();
  for (const p of all({ fraudRate: 0 })) {
    const merchant = world.merchants.row(p.merchantIndex);
    assert.equal(p.request.currency, CITIES.find((c) => c.city === merchant.city)?.currency);
    const list = eurByMcc.get(merchant.mcc) ?? [];
    list.push(minorToEur(p.request.amountMinor, p.request.currency));
    eurByMcc.set(merchant.mcc, list);
  }
  const median = (mcc: string) => {
    const values = [...(eurByMcc.get(mcc) ?? [])].sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? NaN;
  };
  assert.ok(median('5411') > 10 && median('5411') < 100, `grocery ${median('5411')}`);
  assert.ok(median('5732') > 100, `electronics ${median('5732')}`);
  assert.ok(median('4511') > 100, `airline ${median('4511')}`);
  assert.ok(median('5814') < median('5411'));
});

test('bad options are refused with every problem named', () => {
  assert.throws(
    () => all({ fraudRate: 0.9, paymentsPerSecond: 0 }),
    (error: unknown) =>
      error instanceof TrafficError &&
      error.code === 'INVALID_TRAFFIC_OPTIONS' &&
      /fraudRate/.test(error.message) &&
      /paymentsPerSecond/.test(error.message),
  );
  assert.throws(() => all({ patterns: [] }), TrafficError);
});

test('a small seeded population works too', () => {
  const sizes = { accounts: 30, cards: 60, merchants: 40 };
  const payments: GeneratedPayment[] = all({ sizes, fraudRate: 0.1 });
  assert.ok(payments.length > 0);
  assert.ok(payments.every((p) => p.cardIndex < 60 && p.merchantIndex < 40));
  assert.ok(payments.some((p) => p.label.fraud));
});
