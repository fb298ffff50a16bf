import { FraudError } from '@fraud/common';

/** Stable codes of the errors the streams runtime throws; callers match on these. */
export type StreamsErrorCode =
  | 'STREAMS_TOPOLOGY_INVALID'
  | 'STREAMS_DESERIALIZATION'
  | 'STREAMS_STORE_MISSING'
  | 'STREAMS_COMMIT_FAILED'
  | 'STREAMS_NOT_STARTED';

export class StreamsError extends FraudError {
  declare readonly code: StreamsErrorCode;

  constructor(
    code: StreamsErrorCode,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}

/** A record whose bytes the source serdes could not turn into a key and value. */
export class DeserializationError extends StreamsError {
  constructor(message: string, cause?: unknown) {
    super('STREAMS_DESERIALIZATION', message, cause === undefined ? {} : { cause });
  }
}
