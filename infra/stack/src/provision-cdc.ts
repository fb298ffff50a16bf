import { Type } from '@sinclair/typebox';
import { createLogger, loadConfig, localStackUrls } from '@fraud/common';
import { PanTokenKey, setUpCdc } from '@fraud/schemas';
import type { StackConfig } from './config.js';
import { StackError } from './errors.js';
import type { Progress } from './jars.js';

/**
 * Once PostgreSQL and Connect answer: the app's migrations, the seeded reference data and the
 * Debezium connector (registered when absent, updated when changed). Idempotent, ~2 s when
 * everything is in place, so `up` does it every time.
 */
export async function provisionCdc(c: StackConfig, progress: Progress): Promise<void> {
  const urls = localStackUrls(c.ports);
  const { PAN_TOKEN_KEY } = loadConfig(Type.Object({ PAN_TOKEN_KEY: PanTokenKey }));
  const started = Date.now();
  try {
    const { migrations, seed, connector } = await setUpCdc({
      databaseUrl: urls.databaseUrl,
      connectUrl: urls.connectUrl,
      kafkaBrokers: urls.kafkaBrokers,
      logger: createLogger({ name: 'stack', level: 'warn' }),
      panTokenKey: PAN_TOKEN_KEY,
    });
    const seeded =
      seed && seed.cards + seed.accounts + seed.merchants > 0
        ? `seeded ${seed.accounts} accounts, ${seed.cards} cards, ${seed.merchants} merchants`
        : 'reference data in place';
    progress(
      `✓ ${'cdc'.padEnd(9)} schema v${migrations.current}, ${seeded}, connector ${connector.name} ${connector.action} and ${connector.status.connector.state}` +
        `  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    throw new StackError(error instanceof Error ? error.message : String(error), {
      component: 'cdc',
      logFile: `${c.logDir}/connect.log`,
      hint: 'a migration or the connector failed: see the connect log, or `npm run stack -- reset`',
      cause: error,
    });
  }
}
