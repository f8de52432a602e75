/**
 * Authentication for every request under /api: session cookie or bearer token, then the route's coarse permission,
 * then CSRF for cookie-authenticated writes. Runs before body parsing, so an anonymous caller learns nothing from
 * validation messages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from '../../modules/session/session.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authHook(ctx: AppContext) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.actor = null;
    request.sessionId = null;
    request.csrfToken = null;
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config ?? {};
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await authenticateToken(ctx, match[1]) : null;
      if (!actor) throw new AppError('invalid_token', 'The API token is invalid, expired or revoked', 401);
      request.actor = actor;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const auth = await authenticateSession(ctx, cookie);
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
