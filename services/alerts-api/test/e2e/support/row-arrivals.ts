import type { Page } from 'playwright-core';

/** The little of the DOM the observer uses (the tests are type-checked without the DOM lib). */
interface PageGlobals {
  document: {
    body: unknown;
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
  };
  e2eRowArrivals?: Record<string, number>;
}

/**
 * Starts noting, in the page, when each queue row of `cardId` first appears (epoch ms, the
 * browser's clock, which is this machine's): a MutationObserver sees a row the moment it is
 * rendered, where polling from the test would add its own interval to every measurement.
 * Rows already shown are noted at the page's next change.
 */
export async function recordRowArrivals(page: Page, cardId: string): Promise<void> {
  // No named functions inside: tsx's transform would wrap them in a helper the page lacks.
  await page.evaluate((card) => {
    const g = globalThis as unknown as PageGlobals;
    const arrivals: Record<string, number> = {};
    g.e2eRowArrivals = arrivals;
    new g.MutationObserver(() => {
      for (const row of g.document.querySelectorAll(`li[data-card-id="${card}"]`)) {
        const id = row.getAttribute('data-alert-id');
        if (id && !(id in arrivals)) arrivals[id] = Date.now();
      }
    }).observe(g.document.body, { childList: true, subtree: true });
  }, cardId);
}

/**
 * The rows noted so far: alert id → when it first appeared. Fails if the page was reloaded
 * since `recordRowArrivals` (the record lives in the document): rows must come live.
 */
export async function rowArrivals(page: Page): Promise<Record<string, number>> {
  const arrivals = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).e2eRowArrivals ?? null,
  );
  if (arrivals === null) throw new Error('the page was reloaded: its rows did not arrive live');
  return arrivals;
}
