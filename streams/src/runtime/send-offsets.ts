import type { Transaction } from 'kafkajs';
import { isConcurrentTransactions } from '../errors/index.js';

type SendOffsetsArgs = Parameters<Transaction['sendOffsets']>[0];

/**
 * AddOffsetsToTxn sits outside kafkajs's retrier, so CONCURRENT_TRANSACTIONS (the coordinator
 * still completing the previous transaction) reaches us; it clears within milliseconds.
 */
export async function sendOffsetsWithRetry(
  transaction: Transaction,
  args: SendOffsetsArgs,
  { attempts = 20, backoffMs = 20 } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await transaction.sendOffsets(args);
      return;
    } catch (error) {
      if (!isConcurrentTransactions(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * Math.min(attempt, 10)));
    }
  }
}
