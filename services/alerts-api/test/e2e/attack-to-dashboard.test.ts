import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { Type } from '@sinclair/typebox';
import { createLogger, createRegistry, loadServiceConfig } from '@fraud/common';
import { scriptedAttack } from '@fraud/loadtest';
import { createAvroDecoder, FRAUD_LABEL_SCHEMA, seedId, type FraudLabel } from '@fraud/schemas';
import { readTopic } from '../support/read-topic.js';
import { startFraudTopology, type RunningFraudTopology } from './support/fraud-topology.js';
import { waitForGroupToReachEnd } from './support/group-progress.js';
import { startPaymentsApi, type PostedPayment } from './support/payments-poster.js';
import { recordRowArrivals, rowArrivals } from './support/row-arrivals.js';
import {
  apiSession,
  buildDashboard,
  eventually,
  launchChromium,
  saveScreenshot,
  startAlertsApi,
  withDashboard,
  type DashboardPage,
  type RunningAlertsApi,
} from './support/index.js';

// The whole pipeline, nothing produced by hand: payments-api → PostgreSQL → Debezium →
// pg.public.payments → the fraud topology → its own fraud.alerts → alerts-api → the dashboard.

/** The topology replays a history of the shared payments topic before it sees ours. */
const BACKLOG_TIMEOUT_MS = 240_000;
/** From the attack posted to its card's first alert on screen. */
const ALERT_ON_SCREEN_TIMEOUT_MS = 60_000;
/** Bounds for what has no timeout of its own (start-up, shutdown), so a hang fails the run. */
const SETUP_TIMEOUT_MS = 2 * BACKLOG_TIMEOUT_MS + 120_000;
const SCENARIO_TIMEOUT_MS = 300_000;
const TEARDOWN_TIMEOUT_MS = 120_000;

/** Marks the steps of the set-up (LOG_LEVEL=info), to tell where a slow or stuck run is. */
const progress = createLogger({
  name: 'attack-to-dashboard',
  level: loadServiceConfig(Type.Object({}), {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }).LOG_LEVEL,
});

interface AlertAnswer {
  alertId: string;
  paymentId: string;
  cardId: string;
  /** ISO: the payment's commit in PostgreSQL, and when the topology scored it. */
  eventTime: string;
  processedAt: string;
  status: string;
  resolution: string | null;
  reasons: { code: string; value: number; contribution: number }[];
  audit: { actor: string; action: string; comment: string | null }[];
  labelPublishedAt: string | null;
}

type Session = Awaited<ReturnType<typeof apiSession>>;

/**
 * Waits until a row noted by `recordRowArrivals` (the attacked card's) shows an alert raised
 * by one of `posted` (the card may have alerts of its own history): asks the API which payment
 * each new row is about. Resolves to the earliest such alert and when its row was rendered.
 */
async function firstAlertOnScreen(
  dashboard: DashboardPage,
  session: Session,
  posted: readonly PostedPayment[],
  timeoutMs: number,
): Promise<{ alert: AlertAnswer; seenAt: number }> {
  const ours = new Set(posted.map((p) => p.paymentId));
  const checked = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const arrivals = await rowArrivals(dashboard.page);
    const fresh = Object.entries(arrivals)
      .filter(([id]) => !checked.has(id))
      .sort(([, a], [, b]) => a - b);
    for (const [id, seenAt] of fresh) {
      checked.add(id);
      const { status, body } = await session.get<AlertAnswer>(`/api/alerts/${id}`);
      assert.equal(status, 200, `alert ${id} on screen but not in the API`);
      if (ours.has(body.paymentId)) return { alert: body, seenAt };
    }
    if (Date.now() > deadline)
      throw new Error(`no alert of the attacked card on screen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a scripted attack through the whole pipeline, watched in the dashboard', () => {
  let topology: RunningFraudTopology;
  let api: RunningAlertsApi;
  let payments: Awaited<ReturnType<typeof startPaymentsApi>>;
  let browser: Browser;
  let session: Session;
  let dashboardDir: string | undefined;
  /** How long the history replay took before the scenario began, for the report. */
  let warmUp = '';

  before(
    async () => {
      progress.info('building the dashboard');
      dashboardDir = await buildDashboard();
      progress.info('starting payments-api');
      payments = await startPaymentsApi();
      progress.info('starting the fraud topology');
      topology = await startFraudTopology();
      progress.info('starting alerts-api');
      api = await startAlertsApi({
        dashboardDir,
        env: {
          ALERTS_TOPIC: topology.config.ALERTS_TOPIC,
          SCORED_TOPIC: topology.config.SCORED_TOPIC,
        },
      });
      // Replaying the history first keeps the scenario's timing about the attack, and the
      // queue quiet: the history's own alerts are stored before the browser opens.
      progress.info('waiting for the history replay');
      const replayMs = await topology.waitForBacklog(BACKLOG_TIMEOUT_MS);
      const storeMs = await waitForGroupToReachEnd(
        api.kafka,
        api.config.CONSUMER_GROUP,
        [api.config.ALERTS_TOPIC, api.config.SCORED_TOPIC],
        BACKLOG_TIMEOUT_MS,
      );
      warmUp = `history replayed by the topology in ${replayMs} ms, stored ${storeMs} ms later`;
      session = await apiSession(api.url, 'analyst', 'analyst-pass');
      progress.info('launching Chromium');
      browser = await launchChromium();
      progress.info({ replayMs, storeMs }, 'set up');
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(
    async () => {
      progress.info('tearing down');
      await browser?.close();
      // alerts-api first: it consumes the topology's topics, which the topology's close deletes.
      await api?.close();
      await topology?.close();
      await payments?.close();
      if (dashboardDir) await rm(dashboardDir, { recursive: true, force: true });
      progress.info('torn down');
    },
    { timeout: TEARDOWN_TIMEOUT_MS },
  );

  test(
    'the attacked card alerts live; the analyst opens it, resolves it as fraud, and the queue follows',
    { timeout: SCENARIO_TIMEOUT_MS },
    async (t) => {
      t.diagnostic(warmUp);
      // A random seed: a card (of the seeded world) and payments no earlier run posted.
      const attack = scriptedAttack({
        seed: randomInt(1, 2 ** 31),
        kind: 'card_testing',
        startMs: Date.now(),
      });
      assert.equal(attack.attackedCardIndexes.length, 1, 'card testing attacks one card');
      const cardId = seedId('card', attack.attackedCardIndexes[0] ?? -1);

      const alert = await withDashboard(browser, api.url, 'attack-dashboard', async (dashboard) => {
        await dashboard.login('analyst', 'analyst-pass');
        await dashboard.waitUntilLive();
        // Kept in the document: a reload would lose it, so the alert must come live.
        await recordRowArrivals(dashboard.page, cardId);

        const postedFrom = Date.now();
        const posted = await payments.post(attack.payments);
        const postedUntil = posted.at(-1)?.acceptedAt ?? Date.now();
        const { alert: raised, seenAt } = await firstAlertOnScreen(
          dashboard,
          session,
          posted,
          ALERT_ON_SCREEN_TIMEOUT_MS,
        );
        const alerted = posted.find((p) => p.paymentId === raised.paymentId);
        assert.ok(alerted);
        t.diagnostic(
          `${posted.length} payments posted in ${postedUntil - postedFrom} ms; the alert was on ` +
            `screen ${seenAt - alerted.acceptedAt} ms after its payment was accepted ` +
            `(${seenAt - postedFrom} ms after the first POST; scored by the topology ` +
            `${Date.parse(raised.processedAt) - Date.parse(raised.eventTime)} ms after its commit)`,
        );
        assert.equal(raised.cardId, cardId);

        const row = dashboard.row(raised.alertId);
        assert.match(
          (await row.getAttribute('class')) ?? '',
          /row--live/,
          'marked as arrived live',
        );
        assert.equal(await row.getAttribute('data-status'), 'open');

        await dashboard.open(raised.alertId);
        assert.ok(raised.reasons.length > 0, 'the topology says why it alerted');
        const reasons = dashboard.detail.getByTestId('reasons');
        assert.equal(await reasons.locator('li').count(), raised.reasons.length);
        const reasonsText = await reasons.innerText();
        for (const { code } of raised.reasons)
          assert.ok(reasonsText.includes(code.replaceAll('_', ' ')), `reason ${code} shown`);
        const recent = dashboard.detail.getByTestId('recent-payments').locator('tbody tr');
        assert.ok((await recent.count()) > 0, "the card's recent payments shown");

        const comment = `Scripted ${attack.incidentId}: cardholder confirms the card was tested`;
        await dashboard.resolve('confirmed_fraud', comment);
        // The default queue is the work still to do: the resolved alert leaves it.
        await row.waitFor({ state: 'detached' });
        await dashboard.detail.getByTestId('audit-log').getByText(comment).waitFor();
        assert.match(
          await dashboard.detail.getByTestId('status-chip').innerText(),
          /resolved · fraud/,
        );
        await saveScreenshot(dashboard, 'attack-dashboard.png');
        return raised;
      });

      const { body } = await session.get<AlertAnswer>(`/api/alerts/${alert.alertId}`);
      assert.equal(body.status, 'resolved');
      assert.equal(body.resolution, 'confirmed_fraud');
      assert.deepEqual(
        body.audit.map(({ actor, action }) => ({ actor, action })),
        [{ actor: 'analyst', action: 'resolve' }],
      );
      await eventually('the label marked published', async () => {
        const { body: now } = await session.get<AlertAnswer>(`/api/alerts/${alert.alertId}`);
        return now.labelPublishedAt !== null;
      });
      // The decision reached fraud.labels for retraining, naming the attack's payment.
      const [record] = await readTopic(api.kafka, api.config.LABELS_TOPIC, 1);
      assert.ok(record?.value);
      const decoder = createAvroDecoder<FraudLabel>({
        registry: createRegistry({ url: api.config.SCHEMA_REGISTRY_URL }),
        readerSchema: FRAUD_LABEL_SCHEMA,
      });
      const label = await decoder.decode(record.value);
      assert.equal(record.key?.toString(), alert.paymentId);
      assert.deepEqual(
        {
          alertId: label.alertId,
          paymentId: label.paymentId,
          cardId: label.cardId,
          label: label.label,
          resolution: label.resolution,
          decidedBy: label.decidedBy,
        },
        {
          alertId: alert.alertId,
          paymentId: alert.paymentId,
          cardId,
          label: 'fraud',
          resolution: 'confirmed_fraud',
          decidedBy: 'analyst',
        },
      );
    },
  );
});
