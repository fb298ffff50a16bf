import type { StackConfig } from '../config.js';

export type ComponentName = 'postgres' | 'kafka' | 'connect' | 'registry';

export interface LaunchCommand {
  file: string;
  args: string[];
  cwd?: string;
  uid?: number;
  gid?: number;
}

/**
 * One server of the local stack. The stack starts a component once its dependencies are
 * healthy: `prepare` (config files, first-time storage), spawn `command()`, poll `probe` until
 * healthy, then `bootstrap` (idempotent set-up that needs the running server).
 */
export interface Component {
  readonly name: ComponentName;
  readonly title: string;
  readonly port: number;
  readonly endpoint: string;
  readonly dependsOn: readonly ComponentName[];
  /** The signal for a clean shutdown (PostgreSQL's "fast" shutdown is SIGINT). */
  readonly stopSignal: NodeJS.Signals;
  prepare(): Promise<void>;
  command(): LaunchCommand;
  probe(): Promise<boolean>;
  bootstrap?(): Promise<void>;
  /** A likely cause read from the log, when start-up fails. */
  diagnose(log: string): string | undefined;
}

export type ComponentFactory = (config: StackConfig) => Component;

/** Causes every JVM component shares. */
export function diagnoseJvm(log: string): string | undefined {
  if (/Address already in use|BindException/.test(log)) {
    return 'its port is taken by another process: stop it or choose another port (see README, "Ports")';
  }
  if (/UnsupportedClassVersionError/.test(log))
    return 'the Java runtime is too old: install Java 17+';
  if (/OutOfMemoryError/.test(log)) return 'the JVM ran out of heap';
  if (/ClassNotFoundException|NoClassDefFoundError/.test(log)) {
    return 'incomplete jars under .stack/dist: delete .stack/dist and run the command again';
  }
  return undefined;
}

/** `log4j.properties` for Kafka and Connect: everything to stdout, which is the log file. */
export const log4jProperties = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.reflections=ERROR
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
`;

export const propertiesFile = (entries: Record<string, string | number>): string =>
  Object.entries(entries)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n') + '\n';
