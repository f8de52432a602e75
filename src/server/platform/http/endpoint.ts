/**
 * A route's Fastify schema built from its contract endpoint (src/contract/endpoint.ts), so the route validates and
 * serialises with the very schema objects the web is typed by. `test/api/contract-conformance.test.ts` checks that
 * every endpoint is registered this way and every JSON route has an endpoint.
 */
import type { TSchema } from 'typebox';
import type { Endpoint } from '../../../contract/endpoint.ts';
import { errorResponses } from './schemas.ts';

interface Docs {
  tags: string[];
  summary: string;
  description?: string;
}

/** The key `K` of the endpoint when it declares that schema, nothing otherwise (so Fastify infers no `never`). */
type Part<E extends Endpoint, K extends 'params' | 'querystring' | 'body'> = E[K] extends TSchema ? { [P in K]: E[K] } : unknown;

/** `{ params, querystring, body, response: { ...success, ...errors }, tags, summary }` with the endpoint's exact types. */
export function routeSchema<const E extends Endpoint>(e: E, docs: Docs): Docs & Part<E, 'params'> & Part<E, 'querystring'> & Part<E, 'body'> & {
  response: E['response'] & typeof errorResponses;
} {
  const schema: Record<string, unknown> = { ...docs, response: { ...e.response, ...errorResponses } };
  if (e.params) schema.params = e.params;
  if (e.querystring) schema.querystring = e.querystring;
  if (e.body) schema.body = e.body;
  return schema as never;
}
