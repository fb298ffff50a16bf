/**
 * The base of every error this project throws on purpose. `code` is stable (callers and HTTP
 * mappings match on it, never on the message); `retriable` says whether trying again can help.
 */
export class FraudError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(
    code: string,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

export interface ConfigProblem {
  variable: string;
  message: string;
  value: string | undefined;
}

/** Start-up configuration that does not validate; lists every offending variable at once. */
export class ConfigError extends FraudError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map(
      (p) =>
        `  ${p.variable}: ${p.message}${p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`}`,
    );
    super('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}
