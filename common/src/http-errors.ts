import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type, type Static } from '@sinclair/typebox';
import { FraudError } from './errors.js';

/** One offending input field: where it is (`body`, `params`, ...), its path, what is wrong. */
export interface FieldProblem {
  in: string;
  field: string;
  message: string;
}

/** Input that passed the schema but not a semantic check (a card number failing Luhn). */
export class InvalidFieldsError extends FraudError {
  readonly fields: readonly FieldProblem[];

  constructor(fields: readonly FieldProblem[]) {
    super('VALIDATION_FAILED', `invalid ${fields.map((f) => f.field).join(', ')}`);
    this.fields = fields;
  }
}

/** The body of every error answer; services reference it in their route schemas. */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'stable error code; match on this, not on the message' }),
    message: Type.String(),
    fields: Type.Optional(
      Type.Array(Type.Object({ in: Type.String(), field: Type.String(), message: Type.String() })),
    ),
  },
  { description: 'An error; `fields` names every offending input field' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export interface ErrorHandlingOptions {
  /** HTTP status of each FraudError code the service throws on purpose. */
  statusByCode?: Readonly<Record<string, number>>;
  /** Retry-After (seconds) sent with 503 answers to retriable errors. */
  retryAfterSeconds?: number;
}

const BASE_STATUS: Readonly<Record<string, number>> = { VALIDATION_FAILED: 400 };

// Fastify's own client errors, by code, with messages safe to echo (no request content).
const FASTIFY_CLIENT_ERRORS: Readonly<Record<string, { code: string; message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: 'request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'unsupported content type; send application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'request body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    message: 'content-length does not match the body',
  },
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/card/number` → `card.number`; required/additional-property issues name the child field. */
function fieldProblem(where: string, issue: AjvIssue): FieldProblem {
  const child =
    issue.keyword === 'required'
      ? issue.params.missingProperty
      : issue.keyword === 'additionalProperties'
        ? issue.params.additionalProperty
        : undefined;
  const path = `${issue.instancePath}${typeof child === 'string' ? `/${child}` : ''}`;
  const field = path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
  const message =
    issue.keyword === 'required'
      ? 'is required'
      : issue.keyword === 'additionalProperties'
        ? 'is not an accepted field'
        : (issue.message ?? 'is invalid');
  return { in: where, field, message };
}

function send(reply: FastifyReply, statusCode: number, body: Omit<ErrorResponse, 'statusCode'>) {
  return reply
    .code(statusCode)
    .type('application/json')
    .send({ statusCode, ...body });
}

/**
 * One error answer shape for the whole service, with statuses from stable codes:
 * schema violations → 400 listing every offending field; FraudErrors → their code's status,
 * retriable ones → 503 + Retry-After; Fastify's parser errors → 413/415/400 with fixed
 * messages (a JSON syntax error message quotes the body, which may hold a card number);
 * anything else → 500, logged, its message not echoed.
 */
const errorHandlingPlugin: FastifyPluginAsync<ErrorHandlingOptions> = async (app, options) => {
  const statusByCode = { ...BASE_STATUS, ...options.statusByCode };
  const retryAfter = String(options.retryAfterSeconds ?? 1);

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation) {
      const where = error.validationContext ?? 'body';
      const seen = new Set<string>();
      const fields = (error.validation as AjvIssue[])
        .map((issue) => fieldProblem(where, issue))
        .filter((f) => !seen.has(`${f.field}:${f.message}`) && seen.add(`${f.field}:${f.message}`));
      request.log.info({ code: 'VALIDATION_FAILED', fields }, 'invalid request');
      return send(reply, 400, {
        code: 'VALIDATION_FAILED',
        message: `invalid ${where}: ${fields.map((f) => f.field).join(', ')}`,
        fields,
      });
    }
    if (error instanceof InvalidFieldsError) {
      request.log.info({ code: error.code, fields: error.fields }, 'invalid request');
      return send(reply, 400, {
        code: error.code,
        message: error.message,
        fields: [...error.fields],
      });
    }
    if (error instanceof FraudError) {
      const status = statusByCode[error.code] ?? (error.retriable ? 503 : 500);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: error.code }, 'request refused');
      if (status === 503) reply.header('retry-after', retryAfter);
      return send(reply, status, { code: error.code, message: error.message });
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code ?? error.name, statusCode: status }, 'bad request');
      return send(reply, status, {
        code: known?.code ?? 'BAD_REQUEST',
        message:
          known?.message ??
          (error instanceof SyntaxError ? 'body is not valid JSON' : 'bad request'),
      });
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, 500, { code: 'INTERNAL', message: 'internal error' });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, {
      code: 'NOT_FOUND',
      message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    }),
  );
};

export const errorHandling = fp(errorHandlingPlugin, {
  name: '@fraud/error-handling',
  fastify: '5.x',
});
