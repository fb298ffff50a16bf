import { FraudError } from '@fraud/common';

/**
 * A failure of the local stack, worded for the person at the terminal: which component, what
 * went wrong, where its log is and what probably fixes it. The CLI prints it without a trace.
 */
export class StackError extends FraudError {
  readonly component: string | undefined;
  readonly logFile: string | undefined;
  readonly hint: string | undefined;

  constructor(
    message: string,
    details: { component?: string; logFile?: string; hint?: string; cause?: unknown } = {},
  ) {
    const lines = [details.component ? `${details.component}: ${message}` : message];
    if (details.logFile) lines.push(`  log: ${details.logFile}`);
    if (details.hint) lines.push(`  likely cause: ${details.hint}`);
    super('STACK_FAILED', lines.join('\n'), { cause: details.cause });
    this.component = details.component;
    this.logFile = details.logFile;
    this.hint = details.hint;
  }
}
