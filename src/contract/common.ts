/** Shapes shared by every module's contract. */
import { Type, type TSchema } from 'typebox';

/**
 * `null` or the schema. Null comes first: Ajv coerces types (query strings need it), and tried the other way round
 * it would turn a JSON `null` into `""` for a string schema before ever trying the null branch.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** `:id` in a path. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Every failure: `{ error: { code, message, field?, details? } }`. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
});

/** The answer of a write with nothing to say. */
export const NoContent = Type.Null();

/** A list answer. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** The fields every stored evidence file answers with (a report's, a figure's, a relay record's, an inspection's). */
export const StoredFileFields = {
  filename: Type.String(),
  mediaType: Type.String(),
  byteSize: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  createdAt: Type.String(),
};
