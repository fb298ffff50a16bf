import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package puts its launcher here; `.ci/run` installs it (`apt-get install chromium`). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH or Debian's. Playwright's own browser
 * downloads cannot work offline, so a missing binary is a set-up error that says what to do.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package (apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary; playwright-core cannot download one here.',
    );
  }
  return path;
}

/** A headless Chromium; as root Playwright adds --no-sandbox itself (chromiumSandbox: false). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, timeout: 30_000 });
}
