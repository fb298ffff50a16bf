import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import { generateTraffic } from '@fraud/loadtest';
import { accountRows, DEFAULT_SEED_SIZES, merchantRows, seedId } from '@fraud/schemas';

/**
 * Payments as Debezium writes them to the payments CDC topic (key `{"card_id"}`, envelope
 * with `after` and `source.ts_ms`), made from generated traffic over the seeded reference
 * data, so the fraud topology's joins find their rows in the stack's CDC tables.
 */
export function debeziumPayments(count: number, seed = 1): Message[] {
  const accounts = accountRows(DEFAULT_SEED_SIZES.accounts);
  const merchants = merchantRows(DEFAULT_SEED_SIZES.merchants);
  const start = Date.UTC(2026, 0, 5);
  // The rate only spaces event times; 20/s gives each card a realistic day of history.
  const traffic = generateTraffic({
    seed,
    startMs: start,
    // The daily rhythm runs below the average at times: ask for three times as long as needed.
    durationMs: Math.ceil((count / 20) * 3) * 1000 + 60_000,
    paymentsPerSecond: 20,
    fraudRate: 0.01,
  });
  const messages: Message[] = [];
  for (const p of traffic) {
    if (messages.length === count) break;
    const cardId = seedId('card', p.cardIndex);
    const { request } = p;
    const after = {
      id: randomUUID(),
      card_id: cardId,
      account_id: accounts[p.accountIndex]?.id,
      card_token: `tok_bench${p.cardIndex}`,
      card_last4: request.cardNumber.slice(-4),
      merchant_id: merchants[p.merchantIndex]?.id,
      amount_minor: request.amountMinor,
      currency: request.currency,
      channel: request.channel,
      country: request.country,
      device_fingerprint: request.deviceFingerprint ?? null,
      ip_address: request.ipAddress ?? null,
      lat: request.geo?.lat ?? null,
      lon: request.geo?.lon ?? null,
      idempotency_key: p.id,
      request_hash: 'bench',
      created_at: new Date(p.at).toISOString(),
    };
    const source = { version: '3.2.3.Final', connector: 'postgresql', name: 'pg', ts_ms: p.at };
    messages.push({
      key: JSON.stringify({ card_id: cardId }),
      value: JSON.stringify({ before: null, after, source, op: 'c', ts_ms: p.at + 50 }),
      timestamp: String(p.at),
    });
  }
  return messages;
}
