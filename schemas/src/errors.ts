import { FraudError } from '@fraud/common';

/** A migration file is malformed, or one already applied was edited afterwards. */
export class MigrationError extends FraudError {
  /** The file at fault, so the message and the logs point at it. */
  readonly migration: string;

  constructor(code: 'MIGRATION_CHANGED' | 'MIGRATION_INVALID', migration: string, message: string) {
    super(code, `${migration}: ${message}`);
    this.migration = migration;
  }
}

/** Kafka Connect refused the connector, or it did not reach RUNNING in time. */
export class ConnectorError extends FraudError {
  readonly connector: string;

  constructor(
    code: 'CONNECTOR_REJECTED' | 'CONNECTOR_FAILED' | 'CONNECTOR_TIMEOUT' | 'CONNECT_UNREACHABLE',
    connector: string,
    message: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.connector = connector;
  }
}
