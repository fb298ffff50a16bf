import { FraudError } from '@fraud/common';
import type { AvroDecoder, ScoredPayment } from '@fraud/schemas';
import { LakeError } from '../errors.js';
import type { DeadLetterReason } from './dead-letter.js';
import { toScoredPaymentRow, type ScoredPaymentRow } from './scored-payment-row.js';

/** A record that cannot become a row: its index in the input, and why. */
export interface RecordFailure {
  readonly index: number;
  readonly reason: DeadLetterReason;
  readonly detail: string;
}

export interface DecodedRecords {
  readonly rows: ScoredPaymentRow[];
  readonly failures: RecordFailure[];
}

const describe = (error: unknown): string =>
  error instanceof FraudError
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * Decodes record values (Confluent wire-format Avro) into rows; a value that cannot become a
 * row is a failure to dead-letter, never an error of the whole call. Errors that may pass (the
 * registry unreachable) are thrown instead, so no good record is dead-lettered for them.
 */
export async function decodeRecords(
  decoder: AvroDecoder<ScoredPayment>,
  values: readonly (Buffer | null)[],
): Promise<DecodedRecords> {
  const rows: ScoredPaymentRow[] = [];
  const failures: RecordFailure[] = [];
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? Buffer.alloc(0);
    try {
      // The synchronous path is taken for every record whose writer schema is already known.
      const payment = decoder.decodeSync(value) ?? (await decoder.decode(value));
      rows.push(toScoredPaymentRow(payment));
    } catch (error) {
      if (error instanceof FraudError && error.retriable) throw error;
      // Anything else the bytes provoke is a failure too, unknown kinds included: one record
      // must not stop the sink. The detail names the error for whoever looks.
      const reason =
        error instanceof LakeError && error.code === 'INVALID_ROW'
          ? 'invalid-row'
          : 'deserialization';
      failures.push({ index, reason, detail: describe(error) });
    }
  }
  return { rows, failures };
}
