import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import {
  createAvroDecoder,
  createAvroSerde,
  sampleScoredPayment,
  SCORED_PAYMENT_SCHEMA,
  writeWireFormat,
  type WriterSchemaSource,
} from '@fraud/schemas';
import { decodeRecords } from './decode-records.js';

const statusError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

/** A registry holding the ScoredPayment schema as id 1; id 7 answers 503 (an outage). */
const registry: WriterSchemaSource = {
  getSchema: async (id: number) => {
    if (id === 1) return avro.Type.forSchema(SCORED_PAYMENT_SCHEMA as avro.Schema);
    throw statusError(id === 7 ? 503 : 404);
  },
};
const serde = createAvroSerde(SCORED_PAYMENT_SCHEMA, 1);
const decoder = () => createAvroDecoder({ registry, readerSchema: SCORED_PAYMENT_SCHEMA });

describe('decodeRecords', () => {
  it('turns good records into rows and the others into failures with a reason', async () => {
    const good = serde.serialize(sampleScoredPayment());
    const { rows, failures } = await decodeRecords(decoder(), [
      good,
      Buffer.from('plain text'),
      null,
      writeWireFormat(42, good.subarray(5)),
      serde.serialize(sampleScoredPayment({ eventTime: -9e15 })),
      good,
    ]);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.payment_id, sampleScoredPayment().paymentId);
    assert.deepEqual(
      failures.map((f) => [f.index, f.reason, f.detail.split(':')[0]]),
      [
        [1, 'deserialization', 'AVRO_BAD_MAGIC_BYTE'],
        [2, 'deserialization', 'AVRO_TRUNCATED'],
        [3, 'deserialization', 'AVRO_UNKNOWN_SCHEMA_ID'],
        [4, 'invalid-row', 'INVALID_ROW'],
      ],
    );
  });

  it('throws when the registry is unreachable, so no good record is dead-lettered', async () => {
    const good = serde.serialize(sampleScoredPayment());
    await assert.rejects(decodeRecords(decoder(), [writeWireFormat(7, good.subarray(5))]), {
      code: 'SCHEMA_REGISTRY_ERROR',
    });
  });
});
