import { createHash } from 'node:crypto';
import type { Kafka, Message } from 'kafkajs';
import { createLogger, loadServiceConfig } from '@fraud/common';
import {
  createAvroSerde,
  registerSchema,
  SCORED_PAYMENT_SCHEMA,
  valueSubject,
  type AvroSerde,
  type ScoredPayment,
} from '@fraud/schemas';
import { Type } from '@sinclair/typebox';

/** A UUID-shaped id derived from a label, so expected rows can be recomputed from an index. */
export function uuidOf(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5);

/** The i-th scored payment of a test run: deterministic, spread over three event days. */
export function scoredPayment(run: string, i: number): ScoredPayment {
  const eventTime = START + (i % 3) * DAY + i * 997;
  return {
    paymentId: uuidOf(`${run}-payment-${i}`),
    cardId: uuidOf(`card-${i % 97}`),
    accountId: uuidOf(`account-${i % 89}`),
    merchantId: uuidOf(`merchant-${i % 13}`),
    cardLast4: String(1000 + (i % 9000)),
    amountMinor: 100 + i * 37,
    currency: i % 4 === 0 ? 'USD' : 'EUR',
    amountEur: (100 + i * 37) / 100,
    channel: i % 2 === 0 ? 'online' : 'card_present',
    country: i % 5 === 0 ? 'DE' : 'NL',
    merchantCountry: i % 7 === 0 ? null : 'NL',
    mcc: i % 6 === 0 ? null : '5411',
    eventTime,
    processedAt: eventTime + 40 + (i % 100),
    featureSet: 'card-v1',
    features: Array.from({ length: 21 }, (_, k) =>
      k % 3 === 0 ? (i + k) % 10 : Math.log1p(i * (k + 1)) / 7,
    ),
    modelVersion: 'gbm-test-1',
    score: (i % 1000) / 1000,
    decision: i % 1000 > 950 ? 'decline' : i % 1000 > 900 ? 'review' : 'approve',
  };
}

/** Registers the ScoredPayment schema under the topic's value subject (unique per test topic). */
export async function scoredSerde(topic: string): Promise<AvroSerde<ScoredPayment>> {
  const { SCHEMA_REGISTRY_URL } = loadServiceConfig(Type.Object({}));
  const id = await registerSchema({
    registryUrl: SCHEMA_REGISTRY_URL,
    subject: valueSubject(topic),
    schema: SCORED_PAYMENT_SCHEMA,
    logger: createLogger({ name: 'lake-sink-test', level: 'warn' }),
  });
  return createAvroSerde(SCORED_PAYMENT_SCHEMA, id);
}

export const scoredMessage = (
  serde: AvroSerde<ScoredPayment>,
  payment: ScoredPayment,
): Message => ({ key: payment.cardId, value: serde.serialize(payment) });

/** Produces messages in one committed (or aborted) transaction of a fresh transactional id. */
export async function produceInTransaction(
  kafka: Kafka,
  transactionalId: string,
  topic: string,
  messages: Message[],
  outcome: 'commit' | 'abort',
): Promise<void> {
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages });
    await (outcome === 'commit' ? transaction.commit() : transaction.abort());
  } finally {
    await producer.disconnect();
  }
}
