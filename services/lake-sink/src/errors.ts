import { FraudError } from '@fraud/common';

/** Stable codes of the lake sink; callers branch on these, never on messages. */
export type LakeErrorCode =
  | 'COMMIT_CONFLICT'
  | 'COMMIT_RETRIES_EXHAUSTED'
  | 'TABLE_NOT_FOUND'
  | 'TABLE_EXISTS'
  | 'NAMESPACE_NOT_FOUND'
  | 'INVALID_ROW'
  | 'INVALID_SCHEMA'
  | 'INVALID_SUMMARY'
  | 'UNSUPPORTED_METADATA'
  | 'REWRITE_CONFLICT'
  | 'OFFSETS_MOVED';

export interface LakeErrorContext {
  table?: string;
  field?: string;
}

/** Every error the sink throws on purpose; `retriable` drives the commit retry loop. */
export class LakeError extends FraudError {
  override readonly code: LakeErrorCode;
  readonly context: LakeErrorContext;

  constructor(
    code: LakeErrorCode,
    message: string,
    options: { retriable?: boolean; cause?: unknown; context?: LakeErrorContext } = {},
  ) {
    super(code, message, options);
    this.code = code;
    this.context = options.context ?? {};
  }
}
