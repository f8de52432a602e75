/**
 * Request validation for every route, in one place. Two rules hold for all routes without any route having to ask:
 *
 * - JSON bodies are validated as sent: no type coercion, so `{"title": 123}` or `{"title": ["x"]}` is a 400, not
 *   the string "123". Query strings and path parameters arrive as text and are still coerced (`?limit=5`).
 * - Every string in a body, query or path is plain text (`format: "text"`, see `core/text.ts`) unless its schema
 *   already constrains it with a format, a pattern, an enum or a constant: control characters and bidirectional
 *   overrides are refused with a 400 naming the field, the same on SQLite and PostgreSQL.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifySchema, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { isPlainText } from '../../../core/text.ts';

export const TEXT_FORMAT = 'text';

const BASE: Options = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false };

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...BASE, coerceTypes });
  addFormats.default(ajv);
  ajv.addFormat(TEXT_FORMAT, { type: 'string', validate: isPlainText });
  return ajv;
}

type Schema = Record<string, unknown>;
type DataValidationCxt = Parameters<ValidateFunction>[1];

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of the schema with the plain-text format on every otherwise unconstrained string. */
export function withPlainText(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withPlainText);
  if (!isObject(schema)) return schema;
  const out: Schema = { ...schema };
  if (out.type === 'string' && out.format === undefined && out.pattern === undefined && out.enum === undefined && out.const === undefined) {
    out.format = TEXT_FORMAT;
  }
  for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains']) {
    if (isObject(out[key]) || Array.isArray(out[key])) out[key] = withPlainText(out[key]);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(withPlainText);
  }
  for (const key of ['properties', 'patternProperties', '$defs', 'definitions']) {
    if (isObject(out[key])) {
      out[key] = Object.fromEntries(Object.entries(out[key] as Schema).map(([k, v]) => [k, withPlainText(v)]));
    }
  }
  return out;
}

/** A validator as Fastify calls it: Ajv's signature, its `errors` after a failure. */
interface LazyValidator {
  (data: unknown, dataCxt?: DataValidationCxt): boolean;
  errors?: ErrorObject[] | null;
  /** Tells Fastify to pass the parent (the request), so Ajv may coerce or default a whole part, as it does for Ajv's own. */
  schemaEnv: true;
}

/**
 * A validator that compiles its schema on its first use. Compiling every route's schemas when the server becomes
 * ready took most of a second of the start (two hundred routes, four parts each), before `/api/health` could answer;
 * a route's first request now pays for its own schema (a few milliseconds) instead.
 */
function lazily(compile: () => ValidateFunction): LazyValidator {
  let validate: ValidateFunction | null = null;
  const run: LazyValidator = Object.assign(
    (data: unknown, dataCxt?: DataValidationCxt): boolean => {
      validate ??= compile();
      const ok = validate(data, dataCxt) as boolean;
      run.errors = validate.errors ?? null;
      return ok;
    },
    { schemaEnv: true as const },
  );
  return run;
}

/** The validator compiler the app installs: strict types for bodies, coercion for the parts that arrive as text. */
export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  let ajv: { strict: Ajv; coercing: Ajv } | null = null;
  return ({ schema, httpPart }) =>
    lazily(() => {
      ajv ??= { strict: makeAjv(false), coercing: makeAjv('array') };
      return (httpPart === 'body' ? ajv.strict : ajv.coercing).compile(withPlainText(schema) as Schema);
    });
}

/**
 * Fastify's own response serializer (fast-json-stringify), built for a route and status on the first response that
 * needs it rather than for every route at start-up, for the same reason as the validators.
 */
export function serializerCompiler(): FastifySerializerCompiler<unknown> {
  const build = SerializerSelector()(undefined, {});
  return (route) => {
    let serialize: SerializerSelector.Serializer | null = null;
    return (doc: unknown) => (serialize ??= build({ ...route, httpStatus: route.httpStatus ?? '200' }))(doc);
  };
}
