/**
 * kafkajs protocol errors carry the broker's error name in `type`; retry decisions read that
 * (and `retriable`), never the message text. Errors wrapped by kafkajs's retrier keep the
 * original in `cause`, so the chain is walked.
 */
export function kafkaErrorType(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return undefined;
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    const originalError = (e as { originalError?: unknown }).originalError;
    e = originalError ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isConcurrentTransactions = (error: unknown): boolean =>
  kafkaErrorType(error) === 'CONCURRENT_TRANSACTIONS';

/** Another producer with our transactional id took over: this instance is a zombie. */
export const isFenced = (error: unknown): boolean => {
  const type = kafkaErrorType(error);
  return (
    type === 'INVALID_PRODUCER_EPOCH' ||
    type === 'PRODUCER_FENCED' ||
    type === 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED'
  );
};
