import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ErrorResponse, InvalidFieldsError, type FieldProblem } from '@fraud/common';
import { AlertsApiError } from '../errors.js';
import { authErrors } from '../http/schema-helpers.js';
import { decide, IllegalTransitionError, type Decision } from '../workflow/decide.js';
import { findAlertDetail } from './alert-detail.js';
import {
  AcknowledgeBody,
  AlertDetail,
  AlertPage,
  AlertParams,
  AssignBody,
  ListQuery,
  ResolveBody,
  TransitionConflict,
} from './alert-schemas.js';
import { decodeCursor, type ListPosition } from './cursor.js';
import { listAlerts } from './list-alerts.js';

const decisionErrors = {
  403: ErrorResponse,
  404: ErrorResponse,
  409: TransitionConflict,
  ...authErrors,
} as const;

export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/alerts',
    {
      schema: {
        summary: 'Alerts, newest event first, filtered and cursor-paginated',
        tags: ['alerts'],
        querystring: ListQuery,
        response: { 200: AlertPage, ...authErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const problems: FieldProblem[] = [];
      let after: ListPosition | undefined;
      if (q.cursor !== undefined) {
        after = decodeCursor(q.cursor);
        if (!after)
          problems.push({
            in: 'querystring',
            field: 'cursor',
            message: 'is not a cursor of this API',
          });
      }
      if (q.minScore !== undefined && q.maxScore !== undefined && q.minScore > q.maxScore) {
        problems.push({
          in: 'querystring',
          field: 'minScore',
          message: 'must not exceed maxScore',
        });
      }
      if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) >= Date.parse(q.to)) {
        problems.push({ in: 'querystring', field: 'from', message: 'must be before to' });
      }
      if (problems.length > 0) throw new InvalidFieldsError(problems);
      return listAlerts(app.db, {
        ...(q.status === undefined ? {} : { statuses: q.status.split(',') }),
        ...(q.minScore === undefined ? {} : { minScore: q.minScore }),
        ...(q.maxScore === undefined ? {} : { maxScore: q.maxScore }),
        ...(q.from === undefined ? {} : { from: q.from }),
        ...(q.to === undefined ? {} : { to: q.to }),
        ...(q.cardId === undefined ? {} : { cardId: q.cardId }),
        ...(q.merchantId === undefined ? {} : { merchantId: q.merchantId }),
        ...(after === undefined ? {} : { after }),
        limit: q.limit,
      });
    },
  );

  app.get(
    '/alerts/:id',
    {
      schema: {
        summary: "One alert: payment, features, reasons, audit log and the card's recent payments",
        tags: ['alerts'],
        params: AlertParams,
        response: { 200: AlertDetail, 404: ErrorResponse, ...authErrors },
      },
    },
    async (request) => {
      const detail = await findAlertDetail(app.db, request.params.id);
      if (!detail) throw new AlertsApiError('ALERT_NOT_FOUND', 'no such alert');
      return detail;
    },
  );

  /** Applies a decision and answers the alert as it is now; a refused move gets a 409. */
  async function decideAndAnswer(
    reply: FastifyReply,
    alertId: string,
    actor: string,
    decision: Decision,
  ) {
    try {
      await decide(app.db, alertId, actor, decision);
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
      reply.log.info({ code: error.code, alertId, action: decision.action }, 'request refused');
      return reply.code(409).send({
        statusCode: 409,
        code: error.code,
        message: error.message,
        currentStatus: error.currentStatus,
        allowedActions: error.allowedActions,
      });
    }
    const detail = await findAlertDetail(app.db, alertId);
    if (!detail) throw new AlertsApiError('ALERT_NOT_FOUND', 'no such alert');
    return reply.send(detail);
  }

  // A POST without a body (acknowledge needs none) reaches validation as undefined.
  const emptyBodyIsEmptyObject = async (request: { body: unknown }) => {
    if (request.body === undefined) request.body = {};
  };

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { role: 'analyst' },
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        summary: 'Acknowledge an open alert',
        tags: ['workflow'],
        params: AlertParams,
        body: AcknowledgeBody,
        response: { 200: AlertDetail, ...decisionErrors },
      },
    },
    async (request, reply) =>
      decideAndAnswer(reply, request.params.id, request.user.username, {
        action: 'acknowledge',
        comment: request.body.comment,
      }),
  );

  app.post(
    '/alerts/:id/assign',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Assign an alert to someone (again, to reassign)',
        tags: ['workflow'],
        params: AlertParams,
        body: AssignBody,
        response: { 200: AlertDetail, ...decisionErrors },
      },
    },
    async (request, reply) =>
      decideAndAnswer(reply, request.params.id, request.user.username, {
        action: 'assign',
        assignee: request.body.assignee,
        comment: request.body.comment,
      }),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Resolve an alert as confirmed fraud or a false positive',
        description: 'Final. The decision is published to fraud.labels for retraining.',
        tags: ['workflow'],
        params: AlertParams,
        body: ResolveBody,
        response: { 200: AlertDetail, ...decisionErrors },
      },
    },
    async (request, reply) =>
      decideAndAnswer(reply, request.params.id, request.user.username, {
        action: 'resolve',
        resolution: request.body.resolution,
        comment: request.body.comment,
      }),
  );
};
