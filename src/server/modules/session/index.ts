/** The session module's public surface. */
export { sessionRoutes } from './session.routes.ts';
export { authenticateSession, authenticateToken, SESSION_COOKIE, LOCALES, type Locale } from './session.service.ts';
