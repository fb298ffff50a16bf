import { randomInt, randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@fraud/common';
import {
  createAvroSerde,
  FRAUD_ALERT_SCHEMA,
  registerSchema,
  SCORED_PAYMENT_SCHEMA,
  valueSubject,
  type FraudAlert,
  type ScoredPayment,
} from '@fraud/schemas';

/**
 * A card's short burst of payments as the topology would score them: `count` small "testing"
 * payments, then a large one that crossed the alert threshold. Fresh ids each time, event times
 * ending now, so every test sees its own card.
 */
export function cardTakeover(count = 4, now = Date.now()) {
  const cardId = randomUUID();
  const accountId = randomUUID();
  const cardLast4 = String(randomInt(0, 10_000)).padStart(4, '0');
  const payments: ScoredPayment[] = [];
  for (let i = 0; i <= count; i++) {
    const last = i === count;
    const amountMinor = last ? 189_900 : 100 + randomInt(0, 300);
    payments.push({
      paymentId: randomUUID(),
      cardId,
      accountId,
      merchantId: randomUUID(),
      cardLast4,
      amountMinor,
      currency: 'EUR',
      amountEur: amountMinor / 100,
      channel: 'online',
      country: last ? 'RO' : 'NL',
      merchantCountry: last ? 'RO' : 'NL',
      mcc: last ? '5732' : '5815',
      eventTime: now - (count - i) * 40_000,
      processedAt: now - (count - i) * 40_000 + 180,
      featureSet: 'card-v1',
      features: [Math.log1p(amountMinor / 100), last ? 3.1 : 0.2, i],
      modelVersion: 'e2e-test',
      score: last ? 0.964 : 0.08 + i * 0.05,
      decision: last ? 'decline' : 'approve',
    });
  }
  const alerted = payments[payments.length - 1] as ScoredPayment;
  const alert: FraudAlert = {
    alertId: randomUUID(),
    paymentId: alerted.paymentId,
    cardId,
    accountId,
    merchantId: alerted.merchantId,
    cardLast4,
    amountMinor: alerted.amountMinor,
    currency: alerted.currency,
    amountEur: alerted.amountEur,
    channel: alerted.channel,
    country: alerted.country,
    mcc: alerted.mcc,
    eventTime: alerted.eventTime,
    processedAt: alerted.processedAt,
    score: alerted.score,
    decision: alerted.decision,
    modelVersion: alerted.modelVersion,
    features: {
      amount_eur_log: Math.log1p(alerted.amountEur),
      amount_z_card: 3.1,
      count_10m: count + 1,
      small_count_10m: count,
      country_is_new: 1,
      high_risk_mcc: 1,
      online: 1,
    },
    reasons: [
      { code: 'amount_z_card', value: 3.1, contribution: 0.41 },
      { code: 'small_count_10m', value: count, contribution: 0.22 },
      { code: 'country_is_new', value: 1, contribution: 0.09 },
    ],
  };
  return { cardId, cardLast4, payments, alert };
}

export interface AlertTopics {
  alerts: string;
  scored: string;
}

/**
 * Produces Avro records (Confluent wire format, schemas registered under the topics' own
 * subjects) the way the fraud topology does, keyed by card id.
 */
export async function createRecordProducer(options: {
  kafka: Kafka;
  registryUrl: string;
  topics: AlertTopics;
  logger: Logger;
}) {
  const { kafka, registryUrl, topics, logger } = options;
  const [alertsId, scoredId] = [
    await registerSchema({
      registryUrl,
      subject: valueSubject(topics.alerts),
      schema: FRAUD_ALERT_SCHEMA,
      logger,
    }),
    await registerSchema({
      registryUrl,
      subject: valueSubject(topics.scored),
      schema: SCORED_PAYMENT_SCHEMA,
      logger,
    }),
  ];
  const alertSerde = createAvroSerde(FRAUD_ALERT_SCHEMA, alertsId);
  const scoredSerde = createAvroSerde(SCORED_PAYMENT_SCHEMA, scoredId);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return {
    async sendScored(payments: readonly ScoredPayment[]): Promise<void> {
      await producer.send({
        topic: topics.scored,
        messages: payments.map((p) => ({ key: p.cardId, value: scoredSerde.serialize(p) })),
      });
    },
    async sendAlerts(alerts: readonly FraudAlert[]): Promise<void> {
      await producer.send({
        topic: topics.alerts,
        messages: alerts.map((a) => ({ key: a.cardId, value: alertSerde.serialize(a) })),
      });
    },
    close: () => producer.disconnect(),
  };
}
