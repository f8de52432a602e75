/** Schemas shared by many routes. */
import { Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
});

/** Standard error responses documented on every protected route. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};

/**
 * `null` or the schema. Null comes first: Ajv coerces types (query strings need it), and tried the other way round
 * it would turn a JSON `null` into `""` for a string schema before ever trying the null branch.
 */
export const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
