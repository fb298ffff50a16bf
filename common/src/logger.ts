import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  name: string;
  level?: LevelWithSilent;
  /** Where the JSON lines go; stdout by default. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs on stdout. Fields that may carry a card number or a secret are redacted
 * defensively, even though payments-api never puts a PAN in a log on purpose.
 */
export function createLogger({ name, level = 'info', destination }: LoggerOptions): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: ['pan', '*.pan', 'cardNumber', '*.cardNumber', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
