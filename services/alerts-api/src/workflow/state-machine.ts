/**
 * The case workflow of an alert. Analysts usually acknowledge (take note), assign (someone owns
 * it) and resolve; acknowledging and assigning are optional steps, and resolution is final:
 *
 *   open ──acknowledge──► acknowledged
 *   open | acknowledged | assigned ──assign──► assigned      (assigned → assigned reassigns)
 *   open | acknowledged | assigned ──resolve──► resolved     (terminal)
 */
export const ALERT_STATUSES = ['open', 'acknowledged', 'assigned', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const WORKFLOW_ACTIONS = ['acknowledge', 'assign', 'resolve'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const RESOLUTIONS = ['confirmed_fraud', 'false_positive'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

const TRANSITIONS: Readonly<
  Record<WorkflowAction, { from: readonly AlertStatus[]; to: AlertStatus }>
> = {
  acknowledge: { from: ['open'], to: 'acknowledged' },
  assign: { from: ['open', 'acknowledged', 'assigned'], to: 'assigned' },
  resolve: { from: ['open', 'acknowledged', 'assigned'], to: 'resolved' },
};

/** The status `action` leads to from `current`, or undefined when the move is not allowed. */
export function nextStatus(current: AlertStatus, action: WorkflowAction): AlertStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(current) ? transition.to : undefined;
}

/** What an analyst may still do with an alert in `current` status. */
export const allowedActions = (current: AlertStatus): WorkflowAction[] =>
  WORKFLOW_ACTIONS.filter((action) => nextStatus(current, action) !== undefined);

/** The label for retraining that a resolution stands for. */
export const labelOf = (resolution: Resolution): 'fraud' | 'legitimate' =>
  resolution === 'confirmed_fraud' ? 'fraud' : 'legitimate';
