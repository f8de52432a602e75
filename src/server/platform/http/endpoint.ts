/**
 * A route's Fastify schema built from its contract endpoint (src/contract/endpoint.ts), so the route validates and
 * serialises with the very schema objects the web is typed by. `test/api/contract-conformance.test.ts` checks that
 * every endpoint is registered this way and every JSON route has an endpoint.
 */
import type { TSchema } from 'typebox';
import type { Endpoint } from '../../../contract/endpoint.ts';
import { ErrorBody, errorResponses } from './schemas.ts';

/** What an upload may also be refused with: too large (413), a type not accepted (415). */
const uploadErrors = { 413: ErrorBody, 415: ErrorBody };

interface Docs {
  tags: string[];
  summary: string;
  description?: string;
  /** `[]` on a route that answers without signing in (the OpenAPI document marks it public). */
  security?: [];
  /** Answers besides success and the standard errors (and an upload's 413 and 415): a health check's 503, sign-in's 429. */
  otherResponses?: Readonly<Record<number, TSchema>>;
}

/** The key `K` of the endpoint when it declares that schema, nothing otherwise (so Fastify infers no `never`). */
type Part<E extends Endpoint, K extends 'params' | 'querystring' | 'body'> = E[K] extends TSchema ? { [P in K]: E[K] } : unknown;

/**
 * `{ params, querystring, body, response: { ...success, ...errors }, tags, summary }` with the endpoint's exact types;
 * a multipart endpoint also `consumes` multipart/form-data and may answer 413 and 415.
 */
export function routeSchema<const E extends Endpoint, D extends Docs>(e: E, docs: D): Omit<D, 'otherResponses'> & Part<E, 'params'> & Part<E, 'querystring'> & Part<E, 'body'> & {
  // A file's route streams its answer, which no JSON schema types; its error answers are still documented.
  response: E['file'] extends true ? unknown : E['response'] & typeof errorResponses & (D['otherResponses'] extends object ? D['otherResponses'] : unknown);
} {
  const { otherResponses, ...rest } = docs;
  const schema: Record<string, unknown> = { ...rest, response: { ...e.response, ...errorResponses, ...(e.multipart ? uploadErrors : {}), ...otherResponses } };
  if (e.multipart) schema.consumes = ['multipart/form-data'];
  if (e.params) schema.params = e.params;
  if (e.querystring) schema.querystring = e.querystring;
  if (e.body) schema.body = e.body;
  return schema as never;
}
