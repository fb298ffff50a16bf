export type { Headers, StreamRecord, RawRecord, OutgoingRecord } from './record.js';
