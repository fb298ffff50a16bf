import type { Locator, Page } from 'playwright-core';

export type Resolution = 'confirmed_fraud' | 'false_positive';

/** Polls `check` until it holds, for conditions Playwright's locators cannot wait on directly. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The analyst dashboard as a person uses it, by what is on screen (labels, roles, the test ids
 * the views set). Shared by the dashboard's own tests and the end-to-end attack scenario.
 */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  get queue(): Locator {
    return this.page.getByTestId('alert-queue');
  }

  get detail(): Locator {
    return this.page.getByTestId('alert-detail');
  }

  get decisions(): Locator {
    return this.page.getByRole('toolbar', { name: 'Decisions' });
  }

  row(alertId: string): Locator {
    return this.queue.locator(`li[data-alert-id="${alertId}"]`);
  }

  /** The queue's rows of one card (an attack whose alert ids the test cannot know). */
  rowsOfCard(cardId: string): Locator {
    return this.queue.locator(`li[data-card-id="${cardId}"]`);
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.goto(this.baseUrl);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByTestId('current-user').waitFor();
  }

  /** Resolves once the live stream is connected, so what is produced next arrives live. */
  async waitUntilLive(timeoutMs = 30_000): Promise<void> {
    await this.page
      .getByTestId('stream-state')
      .filter({ hasText: 'Live' })
      .waitFor({ timeout: timeoutMs });
  }

  async showStatus(label: 'To do' | 'Open' | 'Acknowledged' | 'Assigned' | 'Resolved' | 'All') {
    await this.page.getByRole('radio', { name: label, exact: true }).click();
  }

  async waitForAlert(alertId: string, timeoutMs = 30_000): Promise<Locator> {
    const row = this.row(alertId);
    await row.waitFor({ timeout: timeoutMs });
    return row;
  }

  async open(alertId: string): Promise<void> {
    await this.row(alertId).click();
    await this.page.locator(`[data-testid="alert-detail"][data-alert-id="${alertId}"]`).waitFor();
  }

  /** Resolves the open alert through the dialog, by its keyboard shortcut (f or l). */
  async resolve(resolution: Resolution, comment: string): Promise<void> {
    await this.page.keyboard.press(resolution === 'confirmed_fraud' ? 'f' : 'l');
    const dialog = this.page.getByRole('dialog', { name: 'Resolve alert' });
    await dialog.getByLabel('Comment (optional)').fill(comment);
    await dialog.getByRole('button', { name: /^Resolve as / }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async statusOf(alertId: string): Promise<string | null> {
    return this.row(alertId).getAttribute('data-status');
  }
}
