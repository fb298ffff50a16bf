import type { Kafka, Producer } from 'kafkajs';

/** Stable per input partition, so a successor of this task fences this one (no KIP-447 in kafkajs). */
export const transactionalIdOf = (applicationId: string, topic: string, partition: number) =>
  `${applicationId}-${topic}-${partition}`;

/**
 * A transactional producer for one input partition, already registered with the transaction
 * coordinator. kafkajs runs InitProducerId lazily at the first `transaction()`; doing it here,
 * with an empty transaction, bumps the epoch now: the previous owner is fenced and its open
 * transaction aborted before the caller reads the committed offset of the partition.
 */
export async function createPartitionProducer(
  kafka: Kafka,
  options: {
    applicationId: string;
    topic: string;
    partition: number;
    transactionTimeoutMs: number;
  },
): Promise<Producer> {
  const producer = kafka.producer({
    transactionalId: transactionalIdOf(options.applicationId, options.topic, options.partition),
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: options.transactionTimeoutMs,
    // CONCURRENT_TRANSACTIONS (the coordinator still completing the previous commit) clears in
    // milliseconds; kafkajs's default first retry of ~300 ms became the p99 of a cycle. The Java
    // client retries this case after 20 ms. Unbounded retries, as kafkajs's idempotent default.
    retry: { initialRetryTime: 20, maxRetryTime: 2_000, retries: Number.MAX_SAFE_INTEGER },
  });
  await producer.connect();
  try {
    const init = await producer.transaction();
    await init.abort();
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
  return producer;
}
