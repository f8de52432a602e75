import type { ApiEndpoints, ApiKey } from '../../contract/api.ts';
import type { BodyOf, ParamsOf, QueryOf, ResponseOf } from '../../contract/endpoint.ts';

/**
 * The one fetch wrapper of the UI: JSON in and out, same-origin cookies, the CSRF token on every write, and a typed
 * ApiError for every failure (including network failures, as status 0).
 */

/** A failed API call: the HTTP status and the server's `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
    /** The whole error body, for answers that carry more than the error (a bulk action's per-row results). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token from `GET /api/v1/me` or the sign-in response; writes send it back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for writes the fetch wrapper does not make (an upload through XMLHttpRequest, for its progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Called when the server says the session is gone (401 `unauthenticated`), so the app can go to sign-in. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; field?: string; details?: Record<string, unknown> } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Calls the API and returns the parsed JSON body (null for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Multipart bodies get their Content-Type (with the boundary) from the browser.
  const form = options.body instanceof FormData ? options.body : null;
  // No Content-Type without a body: the server rejects an empty JSON body.
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : 'Network error');
  }
  const body = await readJson(res);
  if (!res.ok) {
    const error = isErrorBody(body)
      ? new ApiError(res.status, body.error.code, body.error.message, body.error.field, body.error.details, body)
      : new ApiError(res.status, res.status === 404 ? 'route_not_found' : 'http_error', `HTTP ${res.status}`);
    if (res.status === 401 && error.code === 'unauthenticated') onUnauthenticated?.();
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = null>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data, e.g. evidence files. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};

type NoneIfUndefined<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };

/** What `call` takes for an endpoint: its path parameters and body when it has them, its query, an abort signal. */
export type CallArgs<K extends ApiKey> = NoneIfUndefined<'params', ParamsOf<ApiEndpoints[K]>>
  & NoneIfUndefined<'body', BodyOf<ApiEndpoints[K]>>
  & { query?: QueryOf<ApiEndpoints[K]> extends undefined ? undefined : Partial<QueryOf<ApiEndpoints[K]>>; signal?: AbortSignal };

/** Endpoints whose path parameters and body are all optional may be called without arguments. */
type ArgsTuple<K extends ApiKey> = Record<string, never> extends Omit<CallArgs<K>, 'query' | 'signal'> ? [args?: CallArgs<K>] : [args: CallArgs<K>];

/** `/api/v1/tasks/:id` with `{ id: 'a/b' }` → `/api/v1/tasks/a%2Fb`. */
function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

type FileKey = { [K in ApiKey]: ApiEndpoints[K] extends { file: true } ? K : never }[ApiKey];

/** The address of a file endpoint (a download), for a link: path parameters filled in, the query appended. */
export function urlOf<K extends FileKey>(key: K, ...[args]: ArgsTuple<K>): string {
  const path = fillPath((key as string).slice((key as string).indexOf(' ') + 1), args?.params as Record<string, unknown> | undefined);
  return withQuery(path, args?.query as Query | undefined);
}

/**
 * Calls an endpoint by its contract key, typed by the contract: path parameters, query, body and the answer are the
 * server's schemas (src/contract), so a changed field is a compile error here rather than a surprise at run time.
 */
export function call<K extends ApiKey>(key: K, ...[args]: ArgsTuple<K>): Promise<ResponseOf<ApiEndpoints[K]>> {
  const space = key.indexOf(' ');
  const method = key.slice(0, space);
  const path = fillPath(key.slice(space + 1), args?.params as Record<string, unknown> | undefined);
  return request<ResponseOf<ApiEndpoints[K]>>(method, path, { query: args?.query as Query | undefined, body: args?.body, signal: args?.signal });
}
