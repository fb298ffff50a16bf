import { Writable } from 'node:stream';
import { randomInt } from 'node:crypto';
import { createKafka, createLogger, luhnCheckDigit, parseBrokers } from '@fraud/common';
import { setUpCdc } from '@fraud/schemas';
import { buildApp } from '../../src/app.js';
import { loadPaymentsApiConfig } from '../../src/config.js';
import { createPool } from '../../src/db/pool.js';

/**
 * payments-api on the real local database (in-process, via inject), with its log lines kept
 * for leak scans, and the CDC path set up exactly as the stack sets it up.
 */
export async function startTestApp() {
  const config = loadPaymentsApiConfig();
  const logLines: string[] = [];
  const logger = createLogger({
    name: 'payments-api',
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  const cdc = await setUpCdc({
    databaseUrl: config.DATABASE_URL,
    connectUrl: config.CONNECT_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    panTokenKey: config.PAN_TOKEN_KEY,
    logger,
  });
  const pool = createPool({
    databaseUrl: config.DATABASE_URL,
    size: 8,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logger,
  });
  const app = await buildApp({ config, pool, logger });
  const kafka = createKafka({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: 'payments-api-test',
    logger: createLogger({ name: 'kafka', level: 'warn' }),
  });
  return {
    app,
    pool,
    kafka,
    config,
    cdc,
    logLines,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

/** A fresh, Luhn-valid card number nobody has registered (random 9-digit account part). */
export function randomCardNumber(): string {
  const body = `499999${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}
