import type { FraudAlert, ScoredPayment } from '@fraud/schemas';

/**
 * Checks a decoded record beyond what Avro guarantees: values PostgreSQL or the API contract
 * would refuse (a uuid that is not one, a score outside 0..1, NaN, a NUL in a string, a time out
 * of range) must be dead-lettered with the field named, not fail the batch's transaction and
 * stall the partition. Returns one problem per offending field; empty when the record is valid.
 */
type Problems = string[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Years 1970..9999: what timestamptz and the JSON answers can carry.
const MAX_EPOCH_MS = 253_402_300_799_999;
export const DECISIONS = ['approve', 'review', 'decline'] as const;

function uuid(problems: Problems, field: string, value: string): void {
  if (!UUID.test(value)) problems.push(`${field}: not a uuid`);
}

function text(problems: Problems, field: string, value: string | null, max = 256): void {
  if (value === null) return;
  if (value.length === 0 || value.length > max) {
    problems.push(`${field}: length must be 1..${max}`);
  } else if (value.includes('\u0000')) problems.push(`${field}: contains a NUL character`);
}

function finite(problems: Problems, field: string, value: number): void {
  if (!Number.isFinite(value)) problems.push(`${field}: not a finite number`);
}

function epochMs(problems: Problems, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_EPOCH_MS) {
    problems.push(`${field}: not a time between 1970 and 9999`);
  }
}

function probability(problems: Problems, field: string, value: number): void {
  if (!(value >= 0 && value <= 1)) problems.push(`${field}: must be between 0 and 1`);
}

function decision(problems: Problems, value: string): void {
  if (!(DECISIONS as readonly string[]).includes(value)) {
    problems.push(`decision: must be one of ${DECISIONS.join(', ')}`);
  }
}

/** The fields both record kinds share. */
function paymentFields(problems: Problems, r: FraudAlert | ScoredPayment): void {
  uuid(problems, 'paymentId', r.paymentId);
  uuid(problems, 'cardId', r.cardId);
  uuid(problems, 'accountId', r.accountId);
  uuid(problems, 'merchantId', r.merchantId);
  text(problems, 'cardLast4', r.cardLast4, 4);
  if (!Number.isSafeInteger(r.amountMinor)) problems.push('amountMinor: not a safe integer');
  text(problems, 'currency', r.currency, 16);
  finite(problems, 'amountEur', r.amountEur);
  text(problems, 'channel', r.channel, 32);
  text(problems, 'country', r.country, 16);
  text(problems, 'mcc', r.mcc, 16);
  epochMs(problems, 'eventTime', r.eventTime);
  epochMs(problems, 'processedAt', r.processedAt);
  probability(problems, 'score', r.score);
  decision(problems, r.decision);
  text(problems, 'modelVersion', r.modelVersion, 128);
}

export function fraudAlertProblems(alert: FraudAlert): string[] {
  const problems: Problems = [];
  uuid(problems, 'alertId', alert.alertId);
  paymentFields(problems, alert);
  for (const [name, value] of Object.entries(alert.features)) {
    text(problems, `features key ${JSON.stringify(name.slice(0, 40))}`, name, 128);
    finite(problems, `features.${name.slice(0, 40)}`, value);
  }
  alert.reasons.forEach((reason, i) => {
    text(problems, `reasons.${i}.code`, reason.code, 128);
    finite(problems, `reasons.${i}.value`, reason.value);
    finite(problems, `reasons.${i}.contribution`, reason.contribution);
  });
  return problems;
}

export function scoredPaymentProblems(payment: ScoredPayment): string[] {
  const problems: Problems = [];
  paymentFields(problems, payment);
  text(problems, 'merchantCountry', payment.merchantCountry, 16);
  text(problems, 'featureSet', payment.featureSet, 64);
  if (payment.features.length > 1024) problems.push('features: more than 1024 values');
  payment.features.forEach((value, i) => finite(problems, `features.${i}`, value));
  return problems;
}
