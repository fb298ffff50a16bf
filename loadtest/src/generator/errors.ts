import { FraudError } from '@fraud/common';

export type TrafficErrorCode = 'INVALID_TRAFFIC_OPTIONS' | 'INVALID_TRAFFIC_FILE';

/** A refusal of the traffic generator or its sinks, with a stable code. */
export class TrafficError extends FraudError {
  constructor(code: TrafficErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
