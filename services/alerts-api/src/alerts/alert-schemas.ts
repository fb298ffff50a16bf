import { Type, type Static } from '@sinclair/typebox';
import { ErrorResponse } from '@fraud/common';
import { ALERT_STATUSES, RESOLUTIONS, WORKFLOW_ACTIONS } from '../workflow/state-machine.js';
import { Nullable, StringEnum, Text, Timestamp, Uuid } from '../http/schema-helpers.js';

export const Reason = Type.Object({
  code: Type.String({ description: 'feature name' }),
  value: Type.Number({ description: "the feature's value for this payment" }),
  contribution: Type.Number({
    description: 'score drop when the feature takes its typical benign value',
  }),
});

export const AlertSummary = Type.Object({
  alertId: Uuid('alert id, stable per payment'),
  paymentId: Uuid('the alerted payment'),
  cardId: Uuid('card'),
  accountId: Uuid('account holding the card'),
  merchantId: Uuid('merchant'),
  cardLast4: Type.String(),
  amountMinor: Type.Integer({ description: 'amount in minor units of the currency' }),
  currency: Type.String(),
  amountEur: Type.Number(),
  channel: Type.String(),
  country: Type.String(),
  mcc: Nullable(Type.String()),
  eventTime: Timestamp('commit time of the payment (event time)'),
  processedAt: Timestamp('when the topology scored it'),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  decision: Type.String({ description: 'review or decline' }),
  modelVersion: Type.String(),
  reasons: Type.Array(Reason, { description: 'largest contribution first' }),
  status: StringEnum(ALERT_STATUSES),
  assignee: Nullable(Type.String()),
  resolution: Nullable(StringEnum(RESOLUTIONS)),
  createdAt: Timestamp('when the alert reached alerts-api'),
  updatedAt: Timestamp('last workflow change'),
});
export type AlertSummary = Static<typeof AlertSummary>;

export const AuditEntry = Type.Object({
  at: Timestamp('when'),
  actor: Type.String({ description: 'who' }),
  action: StringEnum(WORKFLOW_ACTIONS),
  fromStatus: StringEnum(ALERT_STATUSES),
  toStatus: StringEnum(ALERT_STATUSES),
  assignee: Nullable(Type.String()),
  resolution: Nullable(StringEnum(RESOLUTIONS)),
  comment: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const CardPayment = Type.Object({
  paymentId: Uuid('payment'),
  eventTime: Timestamp('commit time'),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  amountEur: Type.Number(),
  country: Type.String(),
  merchantId: Uuid('merchant'),
  mcc: Nullable(Type.String()),
  channel: Type.String(),
  score: Type.Number(),
  decision: Type.String(),
  modelVersion: Type.String(),
});
export type CardPayment = Static<typeof CardPayment>;

export const AlertDetail = Type.Composite([
  AlertSummary,
  Type.Object({
    features: Type.Record(Type.String(), Type.Number(), {
      description: 'the model input by feature name',
    }),
    audit: Type.Array(AuditEntry, { description: 'oldest first' }),
    recentPayments: Type.Array(CardPayment, {
      description: "the card's latest scored payments, newest first",
    }),
    labelPublishedAt: Nullable(Timestamp('when the decision reached fraud.labels')),
  }),
]);
export type AlertDetail = Static<typeof AlertDetail>;

const STATUS_LIST = `^(${ALERT_STATUSES.join('|')})(,(${ALERT_STATUSES.join('|')}))*$`;

export const ListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({ pattern: STATUS_LIST, description: 'one status or a comma-separated list' }),
    ),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    maxScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    from: Type.Optional(Timestamp('event time from (inclusive)')),
    to: Type.Optional(Timestamp('event time to (exclusive)')),
    cardId: Type.Optional(Uuid('only this card')),
    merchantId: Type.Optional(Uuid('only this merchant')),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_-]{1,200}$',
        description: '`nextCursor` of the previous page',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const AlertPage = Type.Object({
  items: Type.Array(AlertSummary),
  nextCursor: Nullable(Type.String({ description: 'pass as `cursor` for the next page' })),
});

export const AlertParams = Type.Object({ id: Uuid('alert id') });

const Comment = Text(2000, 'free text for the audit log');

export const AcknowledgeBody = Type.Object(
  { comment: Type.Optional(Comment) },
  { additionalProperties: false },
);
export const AssignBody = Type.Object(
  { assignee: Text(128, 'who owns the alert from now on'), comment: Type.Optional(Comment) },
  { additionalProperties: false },
);
export const ResolveBody = Type.Object(
  { resolution: StringEnum(RESOLUTIONS), comment: Type.Optional(Comment) },
  { additionalProperties: false },
);

/** 409: the alert's status does not allow the action; says what would be allowed. */
export const TransitionConflict = Type.Composite([
  ErrorResponse,
  Type.Object({
    currentStatus: StringEnum(ALERT_STATUSES),
    allowedActions: Type.Array(StringEnum(WORKFLOW_ACTIONS)),
  }),
]);
export type TransitionConflict = Static<typeof TransitionConflict>;
