import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, InvalidFieldsError } from '@fraud/common';
import { semanticProblems } from '../semantic-checks.js';
import { commonErrors, IdParams } from '../shared-schemas.js';
import {
  Account,
  AccountChange,
  Card,
  CardChange,
  Merchant,
  MerchantChange,
  NewAccount,
  NewCard,
  NewMerchant,
} from './reference-schemas.js';
import {
  createAccount,
  createCard,
  createMerchant,
  updateAccount,
  updateCard,
  updateMerchant,
} from './reference-store.js';

export interface ReferenceRoutesOptions {
  panTokenKey: string;
}

/**
 * Accounts, cards and merchants. Written through the API (not only by the seed) so that
 * reference-data changes reach the topology the same way payments do: through CDC.
 */
export const referenceRoutes: FastifyPluginAsyncTypebox<ReferenceRoutesOptions> = async (
  app,
  { panTokenKey },
) => {
  app.post(
    '/accounts',
    {
      schema: {
        summary: 'Open an account',
        tags: ['reference data'],
        body: NewAccount,
        response: { 201: Account, ...commonErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createAccount(app.sql, request.body)),
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        summary: 'Change an account (holder name, status, home location)',
        tags: ['reference data'],
        params: IdParams,
        body: AccountChange,
        response: { 200: Account, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => updateAccount(app.sql, request.params.id, request.body),
  );

  app.post(
    '/cards',
    {
      schema: {
        summary: 'Issue a card on an account; the number is stored as a token and last four',
        tags: ['reference data'],
        body: NewCard,
        response: { 201: Card, 409: ErrorResponse, 422: ErrorResponse, ...commonErrors },
      },
    },
    async (request, reply) => {
      const problems = semanticProblems(request.body);
      if (problems.length > 0) throw new InvalidFieldsError(problems);
      return reply.code(201).send(await createCard(app.sql, request.body, panTokenKey));
    },
  );

  app.patch(
    '/cards/:id',
    {
      schema: {
        summary: 'Block, unblock or expire a card',
        tags: ['reference data'],
        params: IdParams,
        body: CardChange,
        response: { 200: Card, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => updateCard(app.sql, request.params.id, request.body),
  );

  app.post(
    '/merchants',
    {
      schema: {
        summary: 'Onboard a merchant',
        tags: ['reference data'],
        body: NewMerchant,
        response: { 201: Merchant, ...commonErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createMerchant(app.sql, request.body)),
  );

  app.patch(
    '/merchants/:id',
    {
      schema: {
        summary: 'Rename or close a merchant',
        tags: ['reference data'],
        params: IdParams,
        body: MerchantChange,
        response: { 200: Merchant, 404: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => updateMerchant(app.sql, request.params.id, request.body),
  );
};
