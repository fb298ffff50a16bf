export {
  FRAUD_PATTERNS,
  GeneratedPayment,
  PaymentLabel,
  type FraudPattern,
} from './generated-payment.js';
export { PaymentRequestBody } from './payment-request.js';
export { generateTraffic } from './generate-traffic.js';
export { runTag, type TrafficOptions } from './traffic-options.js';
export {
  scriptedAttack,
  type ScriptedAttack,
  type ScriptedAttackOptions,
} from './scripted-attack.js';
export { readTrafficFile, writeTrafficFile } from './sinks/traffic-file.js';
export {
  postTraffic,
  type PostTrafficOptions,
  type PostTrafficProgress,
  type PostTrafficResult,
} from './sinks/post-traffic.js';
export { worldOf, type World } from './world.js';
export type { CardProfile } from './card-profile.js';
export { distanceKm, continentOf, type Continent } from './geo.js';
export { eurToMinor, minorToEur, minorUnits } from './money.js';
export { TrafficError, type TrafficErrorCode } from './errors.js';
