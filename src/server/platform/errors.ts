/** Typed application errors with stable snake_case codes; one HTTP handler maps them to statuses. */

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ErrorStatus,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, message, 400, details);
export const unauthorized = (message = 'Sign in first') => new AppError('unauthenticated', message, 401);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message, 403);
export const notFound = (what: string, message?: string) =>
  new AppError(`${what}_not_found`, message ?? `${what.replace(/_/g, ' ')} not found`, 404);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, message, 409, details);
/**
 * A stale `version`: someone else saved first. The body carries the version now stored (null when the row has
 * gone), so a client can reload and show the other person's change before trying again.
 */
export const versionConflict = (what: string, currentVersion: number | null) =>
  conflict('version_conflict', `The ${what} was changed by someone else; reload and try again`, { currentVersion });
export const tooLarge = (message: string) => new AppError('payload_too_large', message, 413);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('too_many_attempts', message, 429, { retryAfterSeconds });
