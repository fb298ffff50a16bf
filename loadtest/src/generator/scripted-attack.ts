import { createHash } from 'node:crypto';
import type { SeedSizes } from '@fraud/schemas';
import type { FraudPattern, GeneratedPayment } from './generated-payment.js';
import { INCIDENTS } from './incidents/index.js';
import { streamPrng } from './random.js';
import { worldOf } from './world.js';

export interface ScriptedAttackOptions {
  seed: number;
  kind: FraudPattern;
  /** Event time of the first payment, epoch ms. */
  startMs: number;
  sizes?: SeedSizes;
}

export interface ScriptedAttack {
  kind: FraudPattern;
  incidentId: string;
  /** The cards with fraudulent payments: exactly the ones alerts should name. */
  attackedCardIndexes: number[];
  /** Time-ordered, with ids; impossible travel starts with the holder's genuine purchase. */
  payments: GeneratedPayment[];
}

// Apart from the streams generateTraffic uses, so an attack is not a copy of a run's incident.
const SCRIPTED = 0x5c41;

/** One incident of a pattern on its own, for tests that post an attack and expect its alerts. */
export function scriptedAttack({
  seed,
  kind,
  startMs,
  sizes,
}: ScriptedAttackOptions): ScriptedAttack {
  const tag = createHash('sha256')
    .update(JSON.stringify([seed, kind, startMs, sizes ?? null]))
    .digest('base64url')
    .slice(0, 10);
  const incidentId = `${kind}-sa-${tag}`;
  const incident = INCIDENTS[kind].build({
    world: worldOf(sizes),
    random: streamPrng(seed, SCRIPTED),
    startMs,
    incidentId,
  });
  return {
    kind,
    incidentId,
    attackedCardIndexes: incident.cardIndexes,
    payments: incident.payments.map((p, i) => ({ ...p, id: `sa-${tag}-${i}` })),
  };
}
