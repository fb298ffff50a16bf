import { FRAUD_PATTERNS, type GeneratedPayment } from './generated-payment.js';
import { Arrivals } from './arrivals.js';
import { benignPayment } from './benign-payment.js';
import { FraudPacer } from './fraud-pacer.js';
import { INCIDENTS } from './incidents/index.js';
import { PaymentHeap } from './min-heap.js';
import { streamPrng } from './random.js';
import { runTag, validateTrafficOptions, type TrafficOptions } from './traffic-options.js';
import { worldOf } from './world.js';

export type { TrafficOptions } from './traffic-options.js';

// Independent random streams of a run.
const ARRIVALS = 1;
const BENIGN = 2;
const INCIDENT_STREAM = 3;

/**
 * A lazy, time-ordered stream of labelled payments over the seeded population: genuine traffic
 * with a daily rhythm, and fraud incidents injected at `fraudRate`. The same options give the
 * same stream, payment for payment. Genuine payments fall inside [startMs, startMs +
 * durationMs); the incidents started in it finish after it (minutes, at most two hours).
 */
export function generateTraffic(options: TrafficOptions): Generator<GeneratedPayment> {
  // Checked now, not at the first payment: a bad option fails where it was given.
  validateTrafficOptions(options);
  return payments(options);
}

function* payments(options: TrafficOptions): Generator<GeneratedPayment> {
  const { seed, startMs, durationMs, paymentsPerSecond, fraudRate } = options;
  const world = worldOf(options.sizes);
  const endMs = startMs + durationMs;
  const tag = runTag(options);
  const arrivals = new Arrivals(
    world,
    streamPrng(seed, ARRIVALS),
    startMs,
    paymentsPerSecond * (1 - fraudRate),
  );
  const benignRandom = streamPrng(seed, BENIGN);
  const incidentRandom = streamPrng(seed, INCIDENT_STREAM);
  const pacer = new FraudPacer(incidentRandom, fraudRate, options.patterns ?? FRAUD_PATTERNS);
  const scheduled = new PaymentHeap();
  let incidents = 0;
  let sequence = 0;

  const stamp = (payment: GeneratedPayment): GeneratedPayment => {
    payment.id = `tg-${tag}-${sequence++}`;
    return payment;
  };

  for (;;) {
    const { at, cardIndex } = arrivals.next();
    if (at >= endMs) break;
    const genuine = benignPayment(benignRandom, world, world.card(cardIndex), at);
    pacer.count(1, 0);
    const pattern = pacer.due();
    if (pattern !== undefined) {
      const incident = INCIDENTS[pattern].build({
        world,
        random: incidentRandom,
        startMs: at,
        incidentId: `${pattern}-${tag}-${incidents++}`,
      });
      const fraudulent = incident.payments.filter((p) => p.label.fraud).length;
      pacer.count(incident.payments.length, fraudulent);
      for (const payment of incident.payments) scheduled.push(payment);
    }
    // Incident payments due by now go first (an incident may start with this very instant).
    while ((scheduled.peek()?.at ?? Infinity) <= at) {
      const payment = scheduled.pop();
      if (payment) yield stamp(payment);
    }
    yield stamp(genuine);
  }
  // Incidents started inside the window run to completion, even past its end: a cut-off
  // incident would label a partial pattern and bring the fraud share below the rate asked for.
  for (let payment = scheduled.pop(); payment; payment = scheduled.pop()) yield stamp(payment);
}
