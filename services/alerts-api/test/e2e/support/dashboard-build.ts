import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const DASHBOARD_CONFIG = fileURLToPath(
  new URL('../../../dashboard/vite.config.ts', import.meta.url),
);

/**
 * Builds the dashboard from its current sources, as `npm run build -w @fraud/alerts-api` does
 * (dist/ is not committed), into a fresh temporary folder so a test never rewrites the one a
 * running demo serves. Resolves to that folder; a few seconds.
 */
export async function buildDashboard(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'alerts-dashboard-'));
  await build({ configFile: DASHBOARD_CONFIG, logLevel: 'warn', build: { outDir } });
  return outDir;
}
