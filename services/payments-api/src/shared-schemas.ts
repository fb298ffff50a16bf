import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorResponse } from '@fraud/common';

/** JSON null allowed: the stored column is optional. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A closed set of strings as one JSON Schema `enum`: a wrong value gets one clear error
 * (a union of literals would report every branch).
 */
export const StringEnum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

/** Human text (names, cities): any script, but no control characters (PostgreSQL refuses NUL). */
export const Text = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u001F\\u007F]+$',
    ...(description ? { description } : {}),
  });

export const Uuid = (description: string) => Type.String({ format: 'uuid', description });
export const CountryCode = (description: string) =>
  Type.String({ pattern: '^[A-Z]{2}$', description: `${description} (ISO 3166-1 alpha-2)` });
export const CardNumber = Type.String({
  pattern: '^[0-9]{13,19}$',
  description: 'the card number (PAN), digits only; tokenized at once, never stored or logged',
});

export const Geo = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Uuid('resource id') });

/** The error answers any route can give, on top of its own. */
export const commonErrors = {
  400: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  503: ErrorResponse,
  500: ErrorResponse,
} as const;
