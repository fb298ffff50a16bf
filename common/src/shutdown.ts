import type { Logger } from './logger.js';

export interface ShutdownOptions {
  logger: Logger;
  /** Releases what the process holds; exit follows. */
  close: () => Promise<void>;
  /** A close that takes longer (a hung request, a stuck commit) is cut off with exit code 1. */
  timeoutMs: number;
}

/**
 * A service's way out: on SIGTERM or SIGINT, or when the returned function is called (e.g. on
 * a fatal error, with its exit code), close once, then exit. A second signal while closing
 * changes nothing; the timeout bounds a close that never ends.
 */
export function shutdownOnSignals({
  logger,
  close,
  timeoutMs,
}: ShutdownOptions): (reason: string, code?: number) => Promise<void> {
  let stopping = false;
  const stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => process.exit(1), timeoutMs).unref();
    try {
      await close();
      clearTimeout(force);
      process.exit(code);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return stop;
}
