import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import {
  apiSession,
  buildDashboard,
  cardTakeover,
  createRecordProducer,
  eventually,
  launchChromium,
  saveScreenshot,
  startAlertsApi,
  withDashboard,
  type RunningAlertsApi,
} from './support/index.js';

interface AlertAnswer {
  status: string;
  resolution: string | null;
  assignee: string | null;
  audit: { actor: string; action: string; comment: string | null }[];
}

describe('analyst dashboard in Chromium, on the real alerts-api, database and broker', () => {
  let api: RunningAlertsApi;
  let browser: Browser;
  let producer: Awaited<ReturnType<typeof createRecordProducer>>;
  let session: Awaited<ReturnType<typeof apiSession>>;
  let dashboardDir: string | undefined;
  /** Alerts stored before any browser opens: the queue's backlog. */
  const backlog = [cardTakeover(2), cardTakeover(3), cardTakeover(1)];

  /** Sends a takeover's payments, waits until they are stored, then its alert. */
  async function raise(takeover: ReturnType<typeof cardTakeover>) {
    await producer.sendScored(takeover.payments);
    await eventually(`the scored payments of card ${takeover.cardId}`, async () => {
      const { status } = await session.get(`/api/cards/${takeover.cardId}/features`);
      return status === 200;
    });
    await producer.sendAlerts([takeover.alert]);
  }

  before(async () => {
    dashboardDir = await buildDashboard();
    api = await startAlertsApi({ dashboardDir });
    producer = await createRecordProducer({
      kafka: api.kafka,
      registryUrl: api.config.SCHEMA_REGISTRY_URL,
      topics: { alerts: api.config.ALERTS_TOPIC, scored: api.config.SCORED_TOPIC },
      logger: api.logger,
    });
    session = await apiSession(api.url, 'analyst', 'analyst-pass');
    for (const takeover of backlog) await raise(takeover);
    await eventually('the backlog in the store', async () => {
      const { body } = await session.get<{ items: unknown[] }>('/api/alerts?limit=10');
      return body.items.length === backlog.length;
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await producer?.close();
    await api?.close();
    if (dashboardDir) await rm(dashboardDir, { recursive: true, force: true });
  });

  test('an analyst sees an alert arrive live, opens it, resolves it as fraud, and the queue follows', async () => {
    await withDashboard(browser, api.url, 'analyst', async (dashboard) => {
      await dashboard.login('analyst', 'analyst-pass');
      await dashboard.waitUntilLive();
      for (const { alert } of backlog) await dashboard.waitForAlert(alert.alertId);

      const attack = cardTakeover(4);
      await raise(attack);
      const id = attack.alert.alertId;
      const row = await dashboard.waitForAlert(id);
      // Highlighted as arrived live: the stream brought it, not a reload.
      assert.match((await row.getAttribute('class')) ?? '', /row--live/);
      assert.match(await row.innerText(), new RegExp(`•••• ${attack.cardLast4}`));
      assert.equal(
        await dashboard.queue.locator('li[data-alert-id]').first().getAttribute('data-alert-id'),
        id,
      );

      await dashboard.open(id);
      const detail = dashboard.detail;
      assert.equal(
        await detail.getByTestId('reasons').locator('li').count(),
        attack.alert.reasons.length,
      );
      assert.match(await detail.getByTestId('reasons').innerText(), /amount z card/);
      assert.equal(
        await detail.getByTestId('recent-payments').locator('tbody tr').count(),
        attack.payments.length,
      );
      assert.match(await detail.getByTestId('features').innerText(), /small count 10m/);
      assert.equal(await dashboard.decisions.count(), 1);
      await saveScreenshot(dashboard, 'dashboard.png');

      const comment = 'Cardholder confirmed by phone: card stolen';
      await dashboard.resolve('confirmed_fraud', comment);
      // The default queue holds the work still to do: the resolved alert leaves it.
      await row.waitFor({ state: 'detached' });
      await detail.getByTestId('audit-log').getByText(comment).waitFor();
      assert.match(await detail.getByTestId('status-chip').innerText(), /resolved · fraud/);

      const { body } = await session.get<AlertAnswer>(`/api/alerts/${id}`);
      assert.equal(body.status, 'resolved');
      assert.equal(body.resolution, 'confirmed_fraud');
      const decision = body.audit.at(-1);
      assert.equal(decision?.actor, 'analyst');
      assert.equal(decision?.action, 'resolve');
      assert.equal(decision?.comment, comment);

      await dashboard.showStatus('Resolved');
      await eventually(
        'the resolved alert under Resolved',
        async () => (await dashboard.statusOf(id)) === 'resolved',
      );
    });
  });

  test('a viewer browses alerts but gets no decision buttons nor decision shortcuts', async () => {
    await withDashboard(browser, api.url, 'viewer', async (dashboard) => {
      await dashboard.login('viewer', 'viewer-pass');
      const id = backlog[0]?.alert.alertId ?? '';
      await dashboard.waitForAlert(id);
      await dashboard.open(id);
      assert.equal(await dashboard.decisions.count(), 0);
      assert.equal(
        await dashboard.page.getByRole('button', { name: /Fraud|Legit|Acknowledge/ }).count(),
        0,
      );

      await dashboard.page.keyboard.press('f');
      await dashboard.page.keyboard.press('a');
      assert.equal(await dashboard.page.getByRole('dialog', { name: 'Resolve alert' }).count(), 0);
      const { body } = await session.get<AlertAnswer>(`/api/alerts/${id}`);
      assert.equal(body.status, 'open');

      await dashboard.page.keyboard.press('?');
      const help = dashboard.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      assert.doesNotMatch(await help.innerText(), /acknowledge/);
    });
  });

  test('scrolling to the end of the queue loads the older pages', async () => {
    // More than a page (50) of alerts, older than everything else, in one batch.
    const old = Array.from(
      { length: 60 },
      (_, i) => cardTakeover(0, Date.now() - 3_600_000 - i * 60_000).alert,
    );
    await producer.sendAlerts(old);
    const oldest = old.at(-1)?.alertId ?? '';
    await eventually('the old alerts in the store', async () => {
      const { status } = await session.get(`/api/alerts/${oldest}`);
      return status === 200;
    });
    await withDashboard(browser, api.url, 'pages', async (dashboard) => {
      await dashboard.login('viewer', 'viewer-pass');
      await dashboard.queue.locator('li[data-alert-id]').first().waitFor();
      assert.equal(await dashboard.row(oldest).count(), 0);
      await eventually('the oldest alert after scrolling', async () => {
        await dashboard.queue.locator('li').last().scrollIntoViewIfNeeded();
        return (await dashboard.row(oldest).count()) === 1;
      });
      const ids = await dashboard.queue
        .locator('li[data-alert-id]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alert-id')));
      assert.equal(new Set(ids).size, ids.length, 'no alert listed twice');
      assert.match(await dashboard.queue.innerText(), /that is all/);
    });
  });

  test('triage by keyboard, while a second user watches the changes arrive live', async () => {
    await withDashboard(browser, api.url, 'watcher', async (watcher) => {
      await watcher.login('viewer', 'viewer-pass');
      await watcher.waitUntilLive();
      await withDashboard(browser, api.url, 'triage', async (analyst) => {
        await analyst.login('analyst', 'analyst-pass');
        await analyst.waitUntilLive();
        const takeover = cardTakeover(2);
        await raise(takeover);
        const id = takeover.alert.alertId;
        await analyst.waitForAlert(id);
        await watcher.waitForAlert(id);

        await analyst.page.keyboard.press('j'); // the newest alert: this one
        await analyst.page.locator(`[data-testid="alert-detail"][data-alert-id="${id}"]`).waitFor();
        await analyst.page.keyboard.press('a');
        await eventually(
          'acknowledged',
          async () => (await analyst.statusOf(id)) === 'acknowledged',
        );
        await eventually(
          'acknowledged, for the watcher too',
          async () => (await watcher.statusOf(id)) === 'acknowledged',
        );
        // The live event can beat the answer to the click: while it is saving, the decision
        // bar is disabled and its shortcuts do nothing: wait for it, as a person would.
        const assign = analyst.page.getByRole('button', { name: /Assign to me/ });
        await eventually('assign offered', () => assign.isEnabled());
        await analyst.page.keyboard.press('m');
        await eventually('assigned', async () => (await analyst.statusOf(id)) === 'assigned');
        assert.match(await analyst.row(id).innerText(), /@analyst/);

        await analyst.resolve('false_positive', 'Known customer travelling');
        await analyst.row(id).waitFor({ state: 'detached' });
        await watcher.row(id).waitFor({ state: 'detached' });
        const { body } = await session.get<AlertAnswer>(`/api/alerts/${id}`);
        assert.equal(body.resolution, 'false_positive');
        assert.equal(body.assignee, 'analyst');
        assert.deepEqual(
          body.audit.map((e) => e.action),
          ['acknowledge', 'assign', 'resolve'],
        );
      });
    });
  });
});
