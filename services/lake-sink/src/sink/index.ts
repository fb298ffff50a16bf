export {
  createLakeSink,
  type LakeSink,
  type LakeSinkOptions,
  type LakeSinkStatus,
} from './lake-sink.js';
export { openScoredPaymentsTable, type OpenTableOptions } from './open-table.js';
export {
  PARTITION_COLUMN,
  SCORED_PAYMENT_COLUMNS,
  toScoredPaymentRow,
  type ScoredPaymentRow,
} from './scored-payment-row.js';
export { offsetsKey, offsetsSummary, readSnapshotOffsets } from './snapshot-offsets.js';
export { sinkDeadLetter, type DeadLetter, type DeadLetterReason } from './dead-letter.js';
export { createSinkMetrics, type CommitResult, type SinkMetrics } from './sink-metrics.js';
export { decodeRecords, type DecodedRecords, type RecordFailure } from './decode-records.js';
export type {
  DataFileOptions,
  EncodedRecords,
  RecordEncoder,
  TableTarget,
} from './encoder/record-encoder.js';
export { createInlineEncoder } from './encoder/inline-encoder.js';
export { createWorkerEncoder, type WorkerEncoderOptions } from './encoder/worker-encoder.js';
