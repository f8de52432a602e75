/**
 * Authentication for every request under /api: session cookie or bearer token, then the route's coarse permission,
 * then CSRF for cookie-authenticated writes. Runs before body parsing, so an anonymous caller learns nothing from
 * validation messages.
 *
 * Whether a request is an API request is decided by the route the router matched (its declared pattern), never by
 * the spelling of the URL: the router decodes `/%61pi/…` to `/api/…`, so a check on the raw URL could be walked round.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The path as a server or proxy might resolve it: percent-decoded, slashes collapsed, dot segments resolved,
 * lower-cased. Used only to classify a request that matched no route (so it gets the API's 401/404, not the UI).
 */
export function normalisedPath(url: string): string {
  let path = url.split('?')[0] ?? '';
  // Escape by escape, so one malformed `%zz` does not stop the rest from being decoded; bytes become Latin-1
  // characters, which is all the classification needs (only `/`, `.` and ASCII letters matter).
  for (let i = 0; i < 3; i++) {
    const decoded = path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === path) break;
    path = decoded;
  }
  const out: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`.toLowerCase();
}

/** True for the API's own paths (`/api`, `/api/…`). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Whether the request is for the API: by the matched route's declared path, else by the normalised URL. */
export function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return isApiPath(route ?? normalisedPath(request.url)) || isApiPath(normalisedPath(request.url));
}

/**
 * How a credential becomes an actor. The session module provides it; the platform only knows this shape, so it
 * depends on no module.
 */
export interface Authenticator {
  /** The cookie that carries the session token. */
  sessionCookie: string;
  /** A session cookie's token → its actor, session id and CSRF token; null when absent, expired or revoked. */
  session(ctx: AppContext, token: string): Promise<{ actor: Actor; sessionId: string; csrfToken: string } | null>;
  /** A bearer API token → its actor; null when invalid, expired or revoked. */
  token(ctx: AppContext, token: string): Promise<Actor | null>;
}

export function authHook(ctx: AppContext, authenticator: Authenticator) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.actor = null;
    request.sessionId = null;
    request.csrfToken = null;
    if (!isApiRequest(request)) return;
    const config = request.routeOptions.config ?? {};
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await authenticator.token(ctx, match[1]) : null;
      if (!actor) throw new AppError('invalid_token', 'The API token is invalid, expired or revoked', 401);
      request.actor = actor;
    } else {
      const cookie = request.cookies[authenticator.sessionCookie];
      if (cookie) {
        const auth = await authenticator.session(ctx, cookie);
        if (auth) {
          request.actor = auth.actor;
          request.sessionId = auth.sessionId;
          request.csrfToken = auth.csrfToken;
        }
      }
    }
    if (config.public) return;
    if (!request.actor) throw unauthorized();
    // Cookies ride along on cross-site requests; a token only our own pages can read proves the request is ours.
    if (request.sessionId && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== request.csrfToken) {
        throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header', 403);
      }
    }
    if (config.permission && !request.actor.permissions.has(config.permission)) {
      throw forbidden(`Missing permission ${config.permission}`);
    }
  };
}
