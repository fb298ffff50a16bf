import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Counter } from 'prom-client';
import { ErrorResponse, InvalidFieldsError, tokenizePan } from '@fraud/common';
import { semanticProblems } from '../semantic-checks.js';
import { PaymentsApiError } from '../errors.js';
import { commonErrors, IdParams } from '../shared-schemas.js';
import { Payment, PaymentAccepted, PaymentHeaders, PaymentRequest } from './payment-schemas.js';
import { findPayment } from './payment-store.js';
import { PaymentWriter } from './payment-writer.js';
import { requestHash } from './request-hash.js';

export interface PaymentRoutesOptions {
  panTokenKey: string;
  /** Group commit of POST /payments: most payments per INSERT, INSERTs in flight. */
  insertBatchMax: number;
  insertConcurrency: number;
}

export const paymentRoutes: FastifyPluginAsyncTypebox<PaymentRoutesOptions> = async (
  app,
  { panTokenKey, insertBatchMax, insertConcurrency },
) => {
  const writer = new PaymentWriter({
    query: app.sql,
    maxBatch: insertBatchMax,
    concurrency: insertConcurrency,
    metrics: app.metrics,
  });
  const received = new Counter({
    name: 'payments_received_total',
    help: 'Payments accepted, by whether an Idempotency-Key retry replayed an earlier answer',
    labelNames: ['replayed'] as const,
    registers: [app.metrics],
  });

  app.post(
    '/payments',
    {
      schema: {
        summary: 'Submit a payment for fraud screening',
        description:
          'Tokenizes the card number, stores the payment and answers 202 at once; the score ' +
          'arrives later (poll the status link).',
        tags: ['payments'],
        headers: PaymentHeaders,
        body: PaymentRequest,
        response: {
          202: PaymentAccepted,
          422: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const problems = semanticProblems(request.body);
      if (problems.length > 0) throw new InvalidFieldsError(problems);
      // From here on only the token exists; the number stays in this request's memory.
      const { cardNumber, ...rest } = request.body;
      const cardToken = tokenizePan(cardNumber, panTokenKey);
      const outcome = await writer.write({
        ...rest,
        id: randomUUID(),
        cardToken,
        idempotencyKey: request.headers['idempotency-key'],
        requestHash: requestHash({ ...rest, cardToken }, panTokenKey),
      });
      received.inc({ replayed: String(outcome.replayed) });
      const self = `/payments/${outcome.id}`;
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(202)
        .header('location', self)
        .send({ id: outcome.id, status: 'received', links: { self } });
    },
  );

  app.get(
    '/payments/:id',
    {
      schema: {
        summary: 'A stored payment, with its score once the topology has scored it',
        tags: ['payments'],
        params: IdParams,
        response: { 200: Payment, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const payment = await findPayment(app.sql, request.params.id);
      if (!payment) throw new PaymentsApiError('PAYMENT_NOT_FOUND', 'no such payment');
      return payment;
    },
  );
};
