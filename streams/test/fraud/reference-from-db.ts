import pg from 'pg';
import { loadPaymentsApiConfig } from '@fraud/payments-api';
import {
  isAccountRow,
  isCardRow,
  isMerchantRow,
  toAccountInfo,
  toCardInfo,
  toMerchantInfo,
  type EnrichedPayment,
  type PaymentEvent,
} from '../../src/fraud/index.js';

/**
 * The reference rows the CDC topics carry, read from their source (PostgreSQL) and converted
 * with the topology's own row readers: the offline side of the parity test joins with these.
 */
export async function referenceTablesFromDb(payments: readonly PaymentEvent[]) {
  const client = new pg.Client({ connectionString: loadPaymentsApiConfig().DATABASE_URL });
  await client.connect();
  try {
    const select = async (table: string, ids: string[]) =>
      (await client.query(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).rows;
    const accounts = await select('accounts', [...new Set(payments.map((p) => p.accountId))]);
    const cards = await select('cards', [...new Set(payments.map((p) => p.cardId))]);
    const merchants = await select('merchants', [...new Set(payments.map((p) => p.merchantId))]);
    const byId = <R extends { id: string }, I>(
      rows: unknown[],
      is: (r: unknown) => r is R,
      to: (r: R) => I,
    ) => new Map(rows.filter(is).map((r) => [r.id, to(r)]));
    const accountInfo = byId(accounts, isAccountRow, toAccountInfo);
    const cardInfo = byId(cards, isCardRow, toCardInfo);
    const merchantInfo = byId(merchants, isMerchantRow, toMerchantInfo);
    return (payment: PaymentEvent): EnrichedPayment => ({
      payment,
      enrichment: {
        account: accountInfo.get(payment.accountId) ?? null,
        card: cardInfo.get(payment.cardId) ?? null,
        merchant: merchantInfo.get(payment.merchantId) ?? null,
      },
    });
  } finally {
    await client.end();
  }
}
