import { fileURLToPath, pathToFileURL } from 'node:url';
import { Type } from '@sinclair/typebox';
import { loadServiceConfig, type Env } from '@fraud/common';

/** Beside the local stack's data, under the git-ignored `.stack/`. */
const localWarehouse = pathToFileURL(
  fileURLToPath(new URL('../../../../.stack/lake/warehouse', import.meta.url)),
).href;

/**
 * What the maintenance commands read from the environment, besides the shared DATABASE_URL
 * and LOG_LEVEL. Tables are found through the catalog row, so the warehouse only matters for
 * tables created without an explicit location; it is here so sink and commands agree on it.
 */
export const MaintenanceEnv = Type.Object({
  LAKE_CATALOG: Type.String({
    minLength: 1,
    default: 'fraud',
    description: 'catalog_name of the SQL catalog rows (pyiceberg SqlCatalog name)',
  }),
  LAKE_WAREHOUSE: Type.String({
    minLength: 1,
    default: localWarehouse,
    description: 'warehouse URI where new tables are placed (file:// for local disk)',
  }),
});

export const loadMaintenanceConfig = (env: Env = process.env) =>
  loadServiceConfig(MaintenanceEnv, env);
