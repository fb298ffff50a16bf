import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorResponse } from '@fraud/common';

/** JSON null allowed. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A closed set of strings as one JSON Schema `enum`: a wrong value gets one clear error (a union
 * of literals would report every branch).
 */
export const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const Uuid = (description: string) => Type.String({ format: 'uuid', description });

/** Human text (comments, names): any script, no control characters but newlines and tabs. */
export const Text = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]+$',
    ...(description ? { description } : {}),
  });

export const Timestamp = (description: string) => Type.String({ format: 'date-time', description });

/** The error answers any route can give, on top of its own. */
export const commonErrors = {
  400: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  500: ErrorResponse,
  503: ErrorResponse,
} as const;

/** The answers of every route behind authentication. */
export const authErrors = {
  401: ErrorResponse,
  429: ErrorResponse,
  ...commonErrors,
} as const;
