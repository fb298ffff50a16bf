import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kind, type TObject } from '@sinclair/typebox';

/**
 * Where each compose service's own environment schema lives (besides the common variables).
 * Read from the source on purpose: the compose file must agree with what the service
 * validates at start-up, whatever its package exports.
 */
export const SERVICE_CONFIGS: Readonly<Record<string, { module: string; schema: string }>> = {
  'payments-api': { module: 'services/payments-api/src/config.ts', schema: 'PaymentsApiEnv' },
  'alerts-api': { module: 'services/alerts-api/src/config.ts', schema: 'AlertsApiEnv' },
  streams: { module: 'streams/src/fraud/app/config.ts', schema: 'FraudAppEnv' },
  'lake-sink': { module: 'services/lake-sink/src/config.ts', schema: 'LakeSinkEnv' },
};

export async function loadServiceSchema(root: string, service: string): Promise<TObject> {
  const entry = SERVICE_CONFIGS[service];
  if (!entry) throw new Error(`no config module known for ${service}`);
  const path = join(root, entry.module);
  if (!existsSync(path))
    throw new Error(`${service}: ${entry.module} is gone; update SERVICE_CONFIGS`);
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const schema = module[entry.schema];
  if (typeof schema !== 'object' || schema === null || (schema as TObject)[Kind] !== 'Object') {
    throw new Error(`${entry.module} exports no TypeBox object ${entry.schema}`);
  }
  return schema as TObject;
}
