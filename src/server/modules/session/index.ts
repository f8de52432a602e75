/** The session module's public surface. */
export { sessionRoutes } from './session.routes.ts';
export { deleteSessionsOf } from './session.repository.ts';
export { authenticateSession, authenticateToken, SESSION_COOKIE } from './session.service.ts';

import type { Authenticator } from '../../platform/http/auth-hook.ts';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from './session.service.ts';

/** What the HTTP platform's authentication hook calls to turn a cookie or a bearer token into an actor. */
export const sessionAuthenticator: Authenticator = { sessionCookie: SESSION_COOKIE, session: authenticateSession, token: authenticateToken };
