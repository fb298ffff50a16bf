import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '@fraud/common';
import { AlertsApiError } from '../errors.js';
import { commonErrors, StringEnum } from '../http/schema-helpers.js';
import { ROLES, type UserDirectory } from './users.js';

export interface LoginRouteOptions {
  users: UserDirectory;
  /** Attempts per minute per client address. */
  rateLimitMax: number;
}

const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

const LoginAnswer = Type.Object({
  token: Type.String({ description: 'send as `Authorization: Bearer <token>`' }),
  role: StringEnum(ROLES, 'analyst: read and decide; viewer: read only'),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const loginRoute: FastifyPluginAsyncTypebox<LoginRouteOptions> = async (
  app,
  { users, rateLimitMax },
) => {
  app.post(
    '/login',
    {
      config: { public: true, rateLimit: { max: rateLimitMax, timeWindow: '1 minute' } },
      schema: {
        summary: 'Exchange a user name and password for a bearer token',
        tags: ['auth'],
        security: [],
        body: LoginRequest,
        response: { 200: LoginAnswer, 401: ErrorResponse, 429: ErrorResponse, ...commonErrors },
      },
    },
    async (request) => {
      const user = await users.verify(request.body.username, request.body.password);
      if (!user) {
        request.log.info({ username: request.body.username }, 'login refused');
        throw new AlertsApiError('INVALID_CREDENTIALS', 'unknown user or wrong password');
      }
      const { token, expiresAt } = app.issueToken(user);
      request.log.info({ username: user.username, role: user.role }, 'logged in');
      return { token, role: user.role, expiresAt: expiresAt.toISOString() };
    },
  );
};
