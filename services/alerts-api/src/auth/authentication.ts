import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AlertsApiError } from '../errors.js';
import { ROLES, type Role, type User } from './users.js';

/** What a token carries: the user name (`sub`) and the role. */
const TokenClaims = Type.Object({
  sub: Type.String({ minLength: 1 }),
  role: Type.Union(ROLES.map((role) => Type.Literal(role))),
});
type TokenClaims = Static<typeof TokenClaims>;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: User;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No token needed (login). */
    public?: boolean;
    /** Also accept `?access_token=`: EventSource cannot set headers (the SSE route only). */
    queryToken?: boolean;
    /** The role a route needs beyond being logged in. */
    role?: Role;
  }
  interface FastifyInstance {
    /** Signs a token for a user; returns it with its expiry. */
    issueToken(user: User): { token: string; expiresAt: Date };
  }
}

export interface AuthenticationOptions {
  secret: string;
  tokenTtlSeconds: number;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  return match?.[1];
}

function queryToken(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.access_token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/**
 * Bearer-token authentication (HS256 JWTs) and role checks for every route of the scope it is
 * registered in, unless the route says `config.public`. The algorithm is pinned, so a token
 * signed another way (or `alg: none`) is refused.
 */
const authenticationPlugin: FastifyPluginAsync<AuthenticationOptions> = async (
  app,
  { secret, tokenTtlSeconds },
) => {
  await app.register(jwt, {
    secret,
    sign: { algorithm: 'HS256', expiresIn: tokenTtlSeconds },
    verify: { algorithms: ['HS256'] },
  });

  app.decorate('issueToken', (user: User) => {
    const token = app.jwt.sign({ sub: user.username, role: user.role });
    return { token, expiresAt: new Date(Date.now() + tokenTtlSeconds * 1000) };
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.public) return;
    const token = bearerToken(request) ?? (config.queryToken ? queryToken(request) : undefined);
    reply.header('www-authenticate', 'Bearer');
    if (token === undefined) {
      throw new AlertsApiError('UNAUTHENTICATED', 'a bearer token is required; log in first');
    }
    let claims: unknown;
    try {
      claims = app.jwt.verify(token);
    } catch {
      throw new AlertsApiError('UNAUTHENTICATED', 'the token is invalid or expired; log in again');
    }
    if (!Value.Check(TokenClaims, claims)) {
      throw new AlertsApiError('UNAUTHENTICATED', 'the token is invalid; log in again');
    }
    reply.removeHeader('www-authenticate');
    request.user = { username: claims.sub, role: claims.role };
    if (config.role !== undefined && claims.role !== config.role) {
      throw new AlertsApiError('FORBIDDEN', `this action needs the ${config.role} role`);
    }
  });
};

export const authentication = fp(authenticationPlugin, {
  name: 'alerts-authentication',
  fastify: '5.x',
});
