import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HIGH_RISK_MCCS, categoryProfile } from './categories.js';
import { continentOf, distanceKm } from './geo.js';
import { generateTraffic } from './generate-traffic.js';
import { FRAUD_PATTERNS, type GeneratedPayment } from './generated-payment.js';
import { minorToEur } from './money.js';
import { scriptedAttack } from './scripted-attack.js';
import { worldOf } from './world.js';

const MINUTE = 60_000;
const world = worldOf();
const payments = [
  ...generateTraffic({
    seed: 11,
    startMs: Date.UTC(2025, 0, 7, 6),
    durationMs: 3 * 60 * MINUTE,
    paymentsPerSecond: 20,
    fraudRate: 0.05,
  }),
];
const eur = (p: GeneratedPayment) => minorToEur(p.request.amountMinor, p.request.currency);

function incidentsOf(pattern: string): GeneratedPayment[][] {
  const byId = new Map<string, GeneratedPayment[]>();
  for (const p of payments) {
    if (p.label.pattern !== pattern || p.label.incidentId === null) continue;
    byId.set(p.label.incidentId, [...(byId.get(p.label.incidentId) ?? []), p]);
  }
  const incidents = [...byId.values()];
  assert.ok(incidents.length >= 5, `only ${incidents.length} ${pattern} incidents`);
  return incidents;
}

const spanMs = (ps: GeneratedPayment[]) => (ps.at(-1)?.at ?? 0) - (ps[0]?.at ?? 0);

test('card testing: a burst of tiny online payments on one card from an unknown device', () => {
  for (const incident of incidentsOf('card_testing')) {
    const cards = new Set(incident.map((p) => p.cardIndex));
    assert.equal(cards.size, 1);
    const card = world.card(incident[0]?.cardIndex ?? -1);
    assert.ok(incident.length >= 5 && incident.length <= 20, `${incident.length} payments`);
    assert.ok(spanMs(incident) <= 5 * MINUTE);
    for (const p of incident) {
      assert.equal(p.request.channel, 'online');
      assert.ok(eur(p) <= 2, `${eur(p)} EUR is not tiny`);
      assert.ok(!card.devices.includes(p.request.deviceFingerprint ?? ''));
    }
  }
  const all = incidentsOf('card_testing').flat();
  const digital = all.filter((p) => world.merchants.row(p.merchantIndex).mcc === '5815');
  assert.ok(digital.length > all.length / 2, 'mostly digital goods');
});

test('account takeover: a new device spending several times the usual at new merchants', () => {
  let highRisk = 0;
  let total = 0;
  for (const incident of incidentsOf('account_takeover')) {
    const card = world.card(incident[0]?.cardIndex ?? -1);
    const devices = new Set(incident.map((p) => p.request.deviceFingerprint));
    assert.equal(devices.size, 1, 'one device per takeover');
    for (const p of incident) {
      assert.equal(p.cardIndex, card.index);
      assert.ok(!card.devices.includes(p.request.deviceFingerprint ?? ''), 'a new device');
      assert.ok(!card.favourites.includes(p.merchantIndex), 'a merchant new to the card');
      assert.ok(eur(p) >= 3 * card.typicalEur, `${eur(p)} vs usual ${card.typicalEur}`);
      const mcc = world.merchants.row(p.merchantIndex).mcc;
      if ((HIGH_RISK_MCCS as readonly string[]).includes(mcc)) highRisk++;
      total++;
    }
  }
  assert.ok(highRisk > total * 0.6, `${highRisk} of ${total} in high-risk categories`);
});

test("impossible travel: a terminal on another continent soon after the card's last one", () => {
  const lastCardPresent = new Map<number, GeneratedPayment>();
  const seen = new Set<string>();
  for (const p of payments) {
    if (p.request.channel !== 'card_present') continue;
    const id = p.label.incidentId;
    const previous = lastCardPresent.get(p.cardIndex);
    if (p.label.pattern === 'impossible_travel' && id !== null && !seen.has(id)) {
      seen.add(id);
      assert.ok(previous, 'the card was used at a terminal before');
      assert.equal(previous.label.fraud, false);
      const km = distanceKm(
        previous.request.geo ?? { lat: 0, lon: 0 },
        p.request.geo ?? previous.request.geo ?? { lat: 0, lon: 0 },
      );
      const hours = (p.at - previous.at) / 3_600_000;
      assert.ok(hours > 0 && hours <= 1, `${hours} h apart`);
      assert.ok(km / hours > 1000, `${Math.round(km / hours)} km/h`);
      assert.notEqual(continentOf(p.request.country), continentOf(previous.request.country));
    }
    lastCardPresent.set(p.cardIndex, p);
  }
  assert.ok(seen.size >= 5);
});

test('compromised merchant: many distinct cards at one merchant within ten minutes', () => {
  for (const incident of incidentsOf('compromised_merchant')) {
    const merchants = new Set(incident.map((p) => p.merchantIndex));
    assert.equal(merchants.size, 1);
    const cards = new Set(incident.map((p) => p.cardIndex));
    assert.equal(cards.size, incident.length, 'each card once');
    assert.ok(cards.size >= 10 && cards.size <= 40, `${cards.size} cards`);
    assert.ok(spanMs(incident) <= 10 * MINUTE);
    const mcc = world.merchants.row(incident[0]?.merchantIndex ?? -1).mcc;
    const amounts = incident.map(eur);
    const low = Math.min(...amounts);
    const high = Math.max(...amounts);
    assert.ok(high / low < 1.07, 'nearly the same ticket');
    assert.ok(low >= 2.5 * categoryProfile(mcc).medianEur, 'unusually high for the category');
  }
});

test("fraud leaves the attacked cards' own payments benign", () => {
  const fraudCards = new Set(payments.filter((p) => p.label.fraud).map((p) => p.cardIndex));
  let genuine = 0;
  for (const p of payments) {
    if (!fraudCards.has(p.cardIndex) || p.label.fraud) continue;
    genuine++;
    assert.equal(p.label.incidentId, null);
    assert.equal(p.label.pattern, null);
    if (p.request.channel === 'online') {
      assert.ok(world.card(p.cardIndex).devices.includes(p.request.deviceFingerprint ?? ''));
    }
  }
  assert.ok(genuine > 0, 'attacked cards also pay genuinely in the window');
});

test('a scripted attack is one labelled incident naming exactly its cards', () => {
  const startMs = Date.UTC(2025, 0, 8, 12);
  for (const kind of FRAUD_PATTERNS) {
    const attack = scriptedAttack({ seed: 3, kind, startMs });
    assert.deepEqual(scriptedAttack({ seed: 3, kind, startMs }), attack, 'deterministic');
    assert.notDeepEqual(scriptedAttack({ seed: 4, kind, startMs }).payments, attack.payments);
    const fraud = attack.payments.filter((p) => p.label.fraud);
    assert.ok(fraud.length > 0);
    assert.ok(
      fraud.every((p) => p.label.pattern === kind && p.label.incidentId === attack.incidentId),
    );
    assert.deepEqual(
      [...new Set(fraud.map((p) => p.cardIndex))].sort((a, b) => a - b),
      [...attack.attackedCardIndexes].sort((a, b) => a - b),
    );
    assert.equal(attack.payments[0]?.at, startMs);
    assert.equal(new Set(attack.payments.map((p) => p.id)).size, attack.payments.length);
    assert.ok(attack.payments.every((p, i, all) => i === 0 || p.at >= (all[i - 1]?.at ?? 0)));
  }
});
