/**
 * One HTTP endpoint of the API, declared once: method, path and the TypeBox schemas of its path parameters, query,
 * body and success answers. The server registers its route from it (`routeSchema` in platform/http/endpoint.ts), the
 * OpenAPI document is generated from the same schema objects, and the web's client (`call` in src/web/api/client.ts)
 * takes its parameter and answer types from it — so a field added to an answer is a type change in every caller.
 */
import type { Static, TSchema } from 'typebox';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  method: Method;
  /** Fastify's path, with `:name` parameters. */
  path: string;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** The body is multipart/form-data (uploads): the web sends a FormData. */
  multipart?: true;
  /** The success answer is a file (a download), not JSON: the web links to it (`urlOf`) instead of calling it. */
  file?: true;
  /** Success answers by status; a 204 is `Type.Null()`; empty for a file. */
  response: Readonly<Record<number, TSchema>>;
}

/** Declares an endpoint, keeping its literal method, path and schema types. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

type StaticOr<S, Else> = S extends TSchema ? Static<S> : Else;

/** What the endpoint answers on success (the union of its success statuses). */
export type ResponseOf<E extends Endpoint> = { [K in keyof E['response']]: StaticOr<E['response'][K], never> }[keyof E['response']];
export type ParamsOf<E extends Endpoint> = StaticOr<E['params'], undefined>;
export type QueryOf<E extends Endpoint> = StaticOr<E['querystring'], undefined>;
export type BodyOf<E extends Endpoint> = E['multipart'] extends true ? FormData : StaticOr<E['body'], undefined>;

/** The key the web calls an endpoint by: `GET /api/v1/tasks/:id`. */
export type KeyOf<E extends Endpoint> = `${E['method']} ${E['path']}`;

/** A module's endpoints keyed by `METHOD path`, the shape `ApiEndpoints` (src/contract/api.ts) is built from. */
export type Keyed<T extends Record<string, Endpoint>> = { [K in keyof T as KeyOf<T[K]>]: T[K] };
