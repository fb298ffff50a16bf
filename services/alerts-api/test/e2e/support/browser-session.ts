import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { DashboardPage } from './dashboard-page.js';

/** `test-results/` at the repository root (gitignored); TEST_RESULTS_DIR moves it. */
export const TEST_RESULTS_DIR =
  process.env.TEST_RESULTS_DIR ??
  fileURLToPath(new URL('../../../../../test-results', import.meta.url));

/** A laptop screen. */
export const LAPTOP_VIEWPORT = { width: 1440, height: 900 };

export async function saveScreenshot(dashboard: DashboardPage, name: string): Promise<string> {
  await mkdir(TEST_RESULTS_DIR, { recursive: true });
  const path = join(TEST_RESULTS_DIR, name);
  await dashboard.page.screenshot({ path });
  return path;
}

/**
 * Runs `use` with the dashboard in a fresh browser context (its own session storage, so one
 * user per context); on failure a screenshot `<name>-failure.png` shows what the page showed.
 * Console errors of the page are collected and make the session fail: the dashboard must not
 * throw while being used.
 */
export async function withDashboard<T>(
  browser: Browser,
  baseUrl: string,
  name: string,
  use: (dashboard: DashboardPage) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: LAPTOP_VIEWPORT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const dashboard = new DashboardPage(page, baseUrl);
  try {
    const result = await use(dashboard);
    if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
    return result;
  } catch (error) {
    await saveScreenshot(dashboard, `${name}-failure.png`).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}
