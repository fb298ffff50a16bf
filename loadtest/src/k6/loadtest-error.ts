import { FraudError } from '@fraud/common';

export type LoadtestErrorCode = 'LOADTEST_USAGE' | 'UNKNOWN_SCENARIO' | 'K6_RUN_FAILED';

/** A refusal of the load-test runner, with a stable code. */
export class LoadtestError extends FraudError {
  constructor(code: LoadtestErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
