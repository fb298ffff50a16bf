import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EnrichedPayment, PaymentEvent } from '../payment.js';
import type { CardProfile } from './card-profile.js';
import { computeCardFeatures, FEATURE_NAMES, type FeatureName } from './card-features.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const PARIS = { lat: 48.857, lon: 2.352 };
const TOKYO = { lat: 35.676, lon: 139.65 };

function payment(overrides: Partial<PaymentEvent> = {}): EnrichedPayment {
  return {
    payment: {
      paymentId: 'p',
      cardId: 'card-1',
      accountId: 'acc-1',
      merchantId: 'm-1',
      cardLast4: '4242',
      amountMinor: 2_000,
      currency: 'EUR',
      channel: 'card_present',
      country: 'FR',
      ...PARIS,
      deviceFingerprint: null,
      eventTime: T0,
      ...overrides,
    },
    enrichment: {
      account: { country: 'FR', homeLat: PARIS.lat, homeLon: PARIS.lon, status: 'active' },
      card: { issuerCountry: 'FR', status: 'active' },
      merchant: { mcc: '5411', country: 'FR', lat: PARIS.lat, lon: PARIS.lon },
    },
  };
}

/** Runs payments through the features in order; returns each payment's named features. */
function run(payments: EnrichedPayment[]): Record<FeatureName, number>[] {
  let profile: CardProfile | undefined;
  return payments.map((p) => {
    const out = computeCardFeatures(profile, p);
    assert.ok(out);
    profile = out.profile;
    return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, out.features[i]])) as Record<
      FeatureName,
      number
    >;
  });
}

describe('card features', () => {
  test('a first payment has no history', () => {
    const [f] = run([payment()]);
    assert.ok(f);
    assert.equal(f.card_history_log, 0);
    assert.equal(f.amount_z_card, 0);
    assert.equal(f.count_10m, 1);
    assert.equal(f.merchant_is_new, 1);
    assert.equal(f.is_foreign, 0);
    assert.equal(f.home_distance_log, 0);
    assert.equal(f.travel_speed_log, 0);
    assert.ok(Math.abs(f.amount_eur_log - Math.log1p(20)) < 1e-12);
  });

  test('card testing: a burst of tiny online payments fills the short windows', () => {
    const burst = Array.from({ length: 8 }, (_, i) =>
      payment({
        channel: 'online',
        amountMinor: 100,
        merchantId: `m-${i}`,
        eventTime: T0 + i * 20_000,
        deviceFingerprint: 'dev-x',
      }),
    );
    const last = run(burst).at(-1);
    assert.ok(last);
    assert.equal(last.count_10m, 8);
    assert.equal(last.small_count_10m, 8);
    assert.equal(last.distinct_merchants_1h, 8);
    assert.equal(last.device_is_new, 0, 'the device was seen in the burst');
    assert.ok(last.since_last_log < Math.log1p(21));
  });

  test('windows forget old activity', () => {
    const f = run([
      payment({ eventTime: T0 }),
      payment({ eventTime: T0 + 11 * 60_000 }),
      payment({ eventTime: T0 + 25 * 3_600_000 }),
    ]);
    assert.equal(f[1]?.count_10m, 1);
    assert.equal(f[1]?.count_1h, 2);
    assert.equal(f[2]?.count_24h, 1);
    assert.equal(f[2]?.count_1h, 1);
  });

  test('impossible travel: Paris then Tokyo card-present within an hour', () => {
    const f = run([
      payment({ eventTime: T0 }),
      payment({ eventTime: T0 + 3_600_000, ...TOKYO, country: 'JP', merchantId: 'm-jp' }),
    ]);
    const speed = Math.expm1(f[1]?.travel_speed_log ?? 0);
    assert.ok(speed > 9_000 && speed < 10_000, `speed ${speed} km/h`);
    assert.equal(f[1]?.is_foreign, 1);
    assert.equal(f[1]?.country_is_new, 1);
    assert.equal(f[1]?.distinct_countries_24h, 2);
  });

  test('a large amount against a modest history stands out', () => {
    const history = Array.from({ length: 20 }, (_, i) =>
      payment({ eventTime: T0 + i * 3_600_000, amountMinor: 2_000 + (i % 5) * 300 }),
    );
    const f = run([...history, payment({ eventTime: T0 + 21 * 3_600_000, amountMinor: 250_000 })]);
    assert.ok((f.at(-1)?.amount_z_card ?? 0) > 5);
    assert.ok(Math.abs(f.at(-2)?.amount_z_card ?? 99) < 2);
  });

  test('amounts are compared in EUR across currencies', () => {
    const [yen] = run([payment({ currency: 'JPY', amountMinor: 10_000 })]); // ¥10,000
    assert.ok(Math.abs(Math.expm1(yen?.amount_eur_log ?? 0) - 56) < 1e-9);
    assert.equal(computeCardFeatures(undefined, payment({ currency: 'XXX' })), undefined);
  });

  test('the same events give the same features, bit for bit', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      payment({ eventTime: T0 + i * 97_000, amountMinor: 137 * (i + 1), merchantId: `m-${i % 7}` }),
    );
    assert.deepEqual(run(events), run(events));
  });

  test('the profile survives a JSON round trip unchanged (it lives in a store as JSON)', () => {
    let profile: CardProfile | undefined;
    for (let i = 0; i < 30; i++)
      profile = computeCardFeatures(profile, payment({ eventTime: T0 + i * 61_001 }))?.profile;
    assert.deepEqual(JSON.parse(JSON.stringify(profile)), profile);
  });
});
