import type { FraudLabel } from '@fraud/schemas';
import { SUMMARY_COLUMNS, toSummary, type AlertRow } from '../alerts/alert-rows.js';
import type { Db } from '../db/db.js';
import { AlertsApiError } from '../errors.js';
import { appendEvents } from '../live/event-log.js';
import { enqueueLabel } from '../labels/label-outbox.js';
import {
  allowedActions,
  labelOf,
  nextStatus,
  type AlertStatus,
  type Resolution,
  type WorkflowAction,
} from './state-machine.js';

export type Decision =
  | { action: 'acknowledge'; comment?: string | undefined }
  | { action: 'assign'; assignee: string; comment?: string | undefined }
  | { action: 'resolve'; resolution: Resolution; comment?: string | undefined };

/** The alert's status does not allow the action (409). */
export class IllegalTransitionError extends AlertsApiError {
  readonly currentStatus: AlertStatus;
  readonly allowedActions: WorkflowAction[];

  constructor(action: WorkflowAction, current: AlertStatus) {
    super('ILLEGAL_TRANSITION', `cannot ${action} an alert that is ${current}`);
    this.currentStatus = current;
    this.allowedActions = allowedActions(current);
  }
}

/**
 * Applies an analyst's decision in one transaction: the row lock makes concurrent decisions on
 * one alert take turns (the second sees the first's status), and the status change, its audit
 * row, the live-stream event and (for a resolution) the label in the outbox commit together.
 */
export async function decide(
  db: Db,
  alertId: string,
  actor: string,
  decision: Decision,
): Promise<void> {
  await db.transaction(async (client) => {
    const current = await client.query<{ status: AlertStatus }>(
      'SELECT status FROM alerts WHERE alert_id = $1 FOR UPDATE',
      [alertId],
    );
    const from = current.rows[0]?.status;
    if (from === undefined) throw new AlertsApiError('ALERT_NOT_FOUND', 'no such alert');
    const to = nextStatus(from, decision.action);
    if (to === undefined) throw new IllegalTransitionError(decision.action, from);

    const assignee = decision.action === 'assign' ? decision.assignee : null;
    const resolution = decision.action === 'resolve' ? decision.resolution : null;
    const updated = await client.query<AlertRow & { features: Record<string, number> }>(
      `UPDATE alerts
          SET status = $2, assignee = coalesce($3, assignee), resolution = $4, updated_at = now()
        WHERE alert_id = $1
        RETURNING ${SUMMARY_COLUMNS}`,
      [alertId, to, assignee, resolution],
    );
    const row = updated.rows[0];
    if (!row) throw new AlertsApiError('ALERT_NOT_FOUND', 'no such alert');
    await client.query(
      `INSERT INTO alert_audit (alert_id, actor, action, from_status, to_status, assignee,
                                resolution, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [alertId, actor, decision.action, from, to, assignee, resolution, decision.comment ?? null],
    );
    if (decision.action === 'resolve') {
      const label: FraudLabel = {
        alertId,
        paymentId: row.payment_id,
        cardId: row.card_id,
        merchantId: row.merchant_id,
        label: labelOf(decision.resolution),
        resolution: decision.resolution,
        decidedBy: actor,
        decidedAt: row.updated_at.getTime(),
        comment: decision.comment ?? null,
        modelVersion: row.model_version,
        score: row.score,
      };
      await enqueueLabel(client, label);
    }
    await appendEvents(client, [{ type: 'alert-updated', alert: toSummary(row) }]);
  });
}
