/**
 * Request validation for every route, in one place. Two rules hold for all routes without any route having to ask:
 *
 * - JSON bodies are validated as sent: no type coercion, so `{"title": 123}` or `{"title": ["x"]}` is a 400, not
 *   the string "123". Query strings and path parameters arrive as text and are still coerced (`?limit=5`).
 * - Every string in a body, query or path is plain text (`format: "text"`, see `core/text.ts`) unless its schema
 *   already constrains it with a format, a pattern, an enum or a constant: control characters and bidirectional
 *   overrides are refused with a 400 naming the field, the same on SQLite and PostgreSQL.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
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

/** The validator compiler the app installs: strict types for bodies, coercion for the parts that arrive as text. */
export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(withPlainText(schema) as Schema);
}
